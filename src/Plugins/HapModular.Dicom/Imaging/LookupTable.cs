namespace HapModular.Dicom.Imaging;

/// <summary>A DICOM lookup table (modality, VOI or one palette channel): descriptor plus entries.</summary>
internal sealed class LookupTable
{
    private LookupTable(int firstMapped, int bits, int[] entries)
    {
        FirstMapped = firstMapped;
        Bits = bits;
        Entries = entries;
    }

    public int FirstMapped { get; }

    public int Bits { get; }

    public int[] Entries { get; }

    public int MaxOutput => (1 << Bits) - 1;

    public int this[int input] => Entries[Math.Clamp(input - FirstMapped, 0, Entries.Length - 1)];

    /// <summary>Reads a LUT from a descriptor element (3 values) and a data element; null when there is no descriptor.</summary>
    /// <exception cref="DicomImageException">The descriptor or the data cannot be read.</exception>
    public static LookupTable? Read(DicomDataset ds, DicomTag descriptorTag, DicomTag dataTag, bool signedInput, DicomTag? segmentedTag = null)
    {
        if (!ds.TryGetElement(descriptorTag, out var descriptor))
        {
            return null;
        }

        if (descriptor.RawValue.Length < 6)
        {
            throw new DicomImageException($"{DicomDataset.Describe(descriptorTag)} has {descriptor.RawValue.Length} bytes, not 3 values");
        }

        var count = descriptor.GetUInt16(0) == 0 ? 65536 : descriptor.GetUInt16(0);
        var first = signedInput ? (int)(short)descriptor.GetUInt16(1) : descriptor.GetUInt16(1);
        var bits = descriptor.GetUInt16(2);
        if (bits is < 1 or > 16)
        {
            throw new DicomImageException($"{DicomDataset.Describe(descriptorTag)} says {bits} bits per entry (1 to 16)");
        }

        int[]? entries = null;
        if (segmentedTag is { } seg && ds.TryGetElement(seg, out var segmented) && segmented.RawValue.Length >= 2)
        {
            entries = ExpandSegmented(segmented, count);
        }
        else if (ds.TryGetElement(dataTag, out var data) && data.RawValue.Length > 0)
        {
            if (data.RawValue.Length >= count * 2)
            {
                entries = new int[count];
                for (var i = 0; i < count; i++)
                {
                    entries[i] = data.GetUInt16(i);
                }
            }
            else if (data.RawValue.Length >= count && bits == 8)
            {
                // 8-bit entries packed two per word: read byte by byte in little-endian order.
                entries = new int[count];
                var span = data.RawValue.Span;
                for (var i = 0; i < count; i++)
                {
                    entries[i] = span[data.BigEndian ? i ^ 1 : i];
                }
            }
        }

        if (entries is null || entries.Length == 0)
        {
            // A descriptor without usable data: the table the object asks for cannot be applied.
            throw new DicomImageException($"{DicomDataset.Describe(descriptorTag)} announces {count} entries but the LUT data holds fewer");
        }

        return new LookupTable(first, bits, entries);
    }

    /// <summary>Builds a LUT from a Modality/VOI LUT sequence item (LUT Descriptor, LUT Data).</summary>
    public static LookupTable? FromItem(DicomDataset item, bool signedInput) =>
        Read(item, DicomTags.LutDescriptor, DicomTags.LutData, signedInput);

    private static int[] ExpandSegmented(DicomElement e, int count)
    {
        var words = new int[e.RawValue.Length / 2];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = e.GetUInt16(i);
        }

        var output = new List<int>(count);
        var p = 0;
        while (p + 1 < words.Length && output.Count < count)
        {
            p = ExpandOne(words, p, output, count, allowIndirect: true);
        }

        while (output.Count < count)
        {
            output.Add(output.Count > 0 ? output[^1] : 0);
        }

        return [.. output];
    }

    // PS3.3 C.7.9.2: opcode 0 discrete, 1 linear ramp from the last value, 2 indirect copy of earlier segments.
    // Returns the word index after the segment; an unknown opcode ends the table.
    private static int ExpandOne(int[] w, int p, List<int> output, int count, bool allowIndirect)
    {
        if (p + 1 >= w.Length)
        {
            return w.Length;
        }

        var n = w[p + 1];
        switch (w[p])
        {
            case 0:
                for (var i = 0; i < n && p + 2 + i < w.Length && output.Count < count; i++)
                {
                    output.Add(w[p + 2 + i]);
                }

                return p + 2 + n;
            case 1 when p + 2 < w.Length:
                var y0 = output.Count > 0 ? output[^1] : 0;
                var y1 = w[p + 2];
                for (var i = 1; i <= n && output.Count < count; i++)
                {
                    output.Add(y0 + (int)Math.Round((y1 - y0) * (double)i / n));
                }

                return p + 3;
            case 2 when allowIndirect && p + 3 < w.Length:
                var from = (w[p + 2] | (w[p + 3] << 16)) / 2;
                for (var k = 0; k < n && from >= 0 && from < p && output.Count < count; k++)
                {
                    from = ExpandOne(w, from, output, count, allowIndirect: false);
                }

                return p + 4;
            default:
                return w.Length;
        }
    }
}
