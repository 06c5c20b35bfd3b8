namespace HapModular.Viewers.Photos;

internal enum PhotoKind
{
    Unknown,
    Jpeg,
    Png,
    Heif,
}

/// <summary>
/// Recognises the container from its bytes and checks it is complete. ImageSharp decodes a cut JPEG as a
/// half-grey picture without complaint; a physician must never mistake that for the patient's photo.
/// </summary>
internal static class PhotoFormat
{
    public static PhotoKind Detect(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        {
            return PhotoKind.Jpeg;
        }

        if (b.Length >= 8 && b[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return PhotoKind.Png;
        }

        if (b.Length >= 12 && b.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(b.Slice(8, 4));
            if (brand is "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "mif1" or "msf1" or "avif")
            {
                return PhotoKind.Heif;
            }
        }

        return PhotoKind.Unknown;
    }

    /// <summary>Whether the JPEG reaches its end-of-image marker after the last scan (segment walk, no decode).</summary>
    public static bool JpegIsComplete(ReadOnlySpan<byte> b)
    {
        var i = 2;
        while (i + 4 <= b.Length)
        {
            if (b[i] != 0xFF)
            {
                return false;
            }

            var marker = b[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            if (marker == 0xD9)
            {
                return true;
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                i += 2;
                continue;
            }

            var length = (b[i + 2] << 8) | b[i + 3];
            if (length < 2 || i + 2 + length > b.Length)
            {
                return false;
            }

            i += 2 + length;
            if (marker == 0xDA)
            {
                i = SkipEntropyCodedData(b, i);
            }
        }

        return i + 2 <= b.Length && b[i] == 0xFF && b[i + 1] == 0xD9;
    }

    // Entropy-coded data ends at the first marker that is neither a stuffed 0xFF00 nor a restart marker.
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> b, int i)
    {
        while (i + 1 < b.Length)
        {
            if (b[i] == 0xFF && b[i + 1] != 0x00 && b[i + 1] is not (>= 0xD0 and <= 0xD7))
            {
                return i;
            }

            i++;
        }

        return b.Length;
    }

    /// <summary>Whether the PNG chunk chain is whole and ends with IEND.</summary>
    public static bool PngIsComplete(ReadOnlySpan<byte> b)
    {
        var i = 8;
        while (i + 12 <= b.Length)
        {
            var length = (long)((uint)(b[i] << 24) | (uint)(b[i + 1] << 16) | (uint)(b[i + 2] << 8) | b[i + 3]);
            if (b.Slice(i + 4, 4).SequenceEqual("IEND"u8))
            {
                return true;
            }

            var next = i + 12 + length;
            if (next > b.Length)
            {
                return false;
            }

            i = (int)next;
        }

        return false;
    }

    /// <summary>Whether every top-level ISO-BMFF box fits in the file (a cut HEIC has a box running past the end).</summary>
    public static bool IsoBoxesAreComplete(ReadOnlySpan<byte> b)
    {
        long i = 0;
        while (i + 8 <= b.Length)
        {
            long size = (uint)((b[(int)i] << 24) | (b[(int)i + 1] << 16) | (b[(int)i + 2] << 8) | b[(int)i + 3]);
            if (size == 1)
            {
                if (i + 16 > b.Length)
                {
                    return false;
                }

                size = System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(b.Slice((int)i + 8, 8));
            }
            else if (size == 0)
            {
                return true;
            }

            if (size < 8 || i + size > b.Length)
            {
                return false;
            }

            i += size;
        }

        return i == b.Length;
    }
}
