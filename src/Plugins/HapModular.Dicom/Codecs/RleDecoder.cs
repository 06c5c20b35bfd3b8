using System.Buffers.Binary;

namespace HapModular.Dicom.Codecs;

/// <summary>DICOM RLE Lossless (PS3.5 Annex G): one PackBits segment per byte plane, most significant first.</summary>
internal static class RleDecoder
{
    public static int[] Decode(ReadOnlySpan<byte> frame, int pixels, int samples, int bitsAllocated)
    {
        if (frame.Length < 64)
        {
            throw new CodecException($"RLE frame of {frame.Length} bytes is shorter than its 64-byte header");
        }

        var segments = (int)BinaryPrimitives.ReadUInt32LittleEndian(frame);
        var bytesPerSample = (bitsAllocated + 7) / 8;
        if (segments != samples * bytesPerSample || segments > 15)
        {
            throw new CodecException($"RLE header declares {segments} segments; {samples * bytesPerSample} expected");
        }

        var values = new int[pixels * samples];
        var plane = new byte[pixels];
        for (var seg = 0; seg < segments; seg++)
        {
            var start = (int)BinaryPrimitives.ReadUInt32LittleEndian(frame[(4 + (seg * 4))..]);
            var end = seg + 1 < segments ? (int)BinaryPrimitives.ReadUInt32LittleEndian(frame[(8 + (seg * 4))..]) : frame.Length;
            if (start < 64 || start > frame.Length || end < start || end > frame.Length)
            {
                throw new CodecException($"RLE segment {seg + 1} offset {start} is outside the frame of {frame.Length} bytes");
            }

            Array.Clear(plane);
            Unpack(frame[start..end], plane);
            var sample = seg / bytesPerSample;
            var shift = 8 * (bytesPerSample - 1 - (seg % bytesPerSample));
            for (var i = 0; i < pixels; i++)
            {
                values[(i * samples) + sample] |= plane[i] << shift;
            }
        }

        return values;
    }

    private static void Unpack(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int i = 0, o = 0;
        while (i < src.Length && o < dst.Length)
        {
            var n = (sbyte)src[i++];
            if (n >= 0)
            {
                var count = Math.Min(n + 1, Math.Min(src.Length - i, dst.Length - o));
                src.Slice(i, count).CopyTo(dst[o..]);
                i += n + 1;
                o += count;
            }
            else if (n != -128)
            {
                if (i >= src.Length)
                {
                    break;
                }

                var count = Math.Min(1 - n, dst.Length - o);
                dst.Slice(o, count).Fill(src[i++]);
                o += count;
            }
        }
    }
}
