namespace HapModular.Dicom.Imaging;

/// <summary>
/// Finds the bytes of each frame in encapsulated pixel data: Extended Offset Table, else Basic Offset Table,
/// else one fragment per frame, else frame starts recognised by their codestream markers.
/// </summary>
internal static class EncapsulatedFrames
{
    public static ReadOnlyMemory<byte> GetFrame(DicomDataset ds, DicomFragments fragments, int frames, int frame)
    {
        var list = fragments.Fragments;
        if (list.Count == 0)
        {
            throw new DicomImageException("encapsulated pixel data has no fragments");
        }

        var groups = Group(ds, fragments, frames);
        if (frame >= groups.Count)
        {
            throw new DicomImageException($"frame {frame + 1} not found: the encapsulated pixel data holds {groups.Count} frame(s)");
        }

        var (first, count) = groups[frame];
        if (count == 1)
        {
            return list[first];
        }

        var total = 0;
        for (var i = first; i < first + count; i++)
        {
            total += list[i].Length;
        }

        var joined = new byte[total];
        var at = 0;
        for (var i = first; i < first + count; i++)
        {
            list[i].Span.CopyTo(joined.AsSpan(at));
            at += list[i].Length;
        }

        return joined;
    }

    public static List<(int First, int Count)> Group(DicomDataset ds, DicomFragments fragments, int frames)
    {
        var list = fragments.Fragments;
        var starts = FromOffsets(ds, fragments, frames);
        if (starts is null)
        {
            if (list.Count == frames)
            {
                starts = [.. Enumerable.Range(0, frames)];
            }
            else if (frames == 1)
            {
                starts = [0];
            }
            else
            {
                starts = [];
                for (var i = 0; i < list.Count; i++)
                {
                    if (i == 0 || StartsCodestream(list[i].Span))
                    {
                        starts.Add(i);
                    }
                }
            }
        }

        var groups = new List<(int, int)>(starts.Count);
        for (var k = 0; k < starts.Count; k++)
        {
            var end = k + 1 < starts.Count ? starts[k + 1] : list.Count;
            groups.Add((starts[k], end - starts[k]));
        }

        return groups;
    }

    private static List<int>? FromOffsets(DicomDataset ds, DicomFragments fragments, int frames)
    {
        var offsets = new List<long>();
        if (ds.TryGetElement(DicomTags.ExtendedOffsetTable, out var eot) && eot.RawValue.Length >= 8)
        {
            for (var i = 0; i < eot.RawValue.Length / 8; i++)
            {
                offsets.Add((long)eot.GetUInt64(i));
            }
        }
        else if (fragments.BasicOffsetTable.Count > 0)
        {
            offsets.AddRange(fragments.BasicOffsetTable.Select(o => (long)o));
        }
        else
        {
            return null;
        }

        var starts = new List<int>();
        foreach (var o in offsets)
        {
            var index = IndexOf(fragments.FragmentOffsets, o);
            if (index < 0 || (starts.Count > 0 && index <= starts[^1]))
            {
                return null; // an offset table that does not point at fragments is ignored, as dcmtk does
            }

            starts.Add(index);
        }

        return starts.Count == frames || frames == 1 ? starts : null;
    }

    private static int IndexOf(IReadOnlyList<long> offsets, long value)
    {
        for (var i = 0; i < offsets.Count; i++)
        {
            if (offsets[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool StartsCodestream(ReadOnlySpan<byte> s) =>
        s.Length >= 2 && s[0] == 0xFF && (s[1] == 0xD8 || s[1] == 0x4F)
        || (s.Length >= 12 && s[4] == (byte)'j' && s[5] == (byte)'P');
}
