using System.Buffers.Binary;

namespace HapModular.Dicom.Codecs;

/// <summary>
/// JPEG lossless, process 14 (ITU T.81 annex H), all seven predictors, point transform, restart intervals,
/// interleaved and non-interleaved scans. Written here because JpegLibrary decodes only predictor 1 correctly.
/// </summary>
internal static partial class JpegLosslessDecoder
{
    public static int[] Decode(ReadOnlySpan<byte> data, out int width, out int height, out int components, out int precision, long maxSamples = 1L << 28)
    {
        width = height = components = precision = 0;
        var tables = new HuffmanTable?[4];
        var restartInterval = 0;
        int[]? output = null;
        var componentIds = Array.Empty<int>();
        var pos = 0;
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            throw new CodecException("JPEG lossless frame does not start with SOI");
        }

        pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF)
            {
                pos++;
                continue;
            }

            var marker = data[pos + 1];
            if (marker == 0xFF)
            {
                pos++;
                continue;
            }

            if (marker == 0xD9)
            {
                break;
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01 or 0x00)
            {
                pos += 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > data.Length)
            {
                throw new CodecException($"JPEG marker FF{marker:X2} at {pos} has a bad length {length}");
            }

            var segment = data.Slice(pos + 4, length - 2);
            switch (marker)
            {
                case 0xC4:
                    ReadHuffman(segment, tables);
                    break;
                case 0xDD:
                    restartInterval = segment.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(segment) : 0;
                    break;
                case 0xC3 or 0xC7 or 0xCB or 0xCF:
                    if (segment.Length < 6)
                    {
                        throw new CodecException("JPEG SOF segment too short");
                    }

                    precision = segment[0];
                    height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                    width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                    components = segment[5];
                    if (precision is < 2 or > 16 || width == 0 || height == 0 || components is < 1 or > 4 || segment.Length < 6 + (3 * components))
                    {
                        throw new CodecException($"JPEG lossless frame header not supported (P={precision}, {width}×{height}, {components} components)");
                    }

                    if ((long)width * height * components > maxSamples)
                    {
                        throw new CodecException("JPEG lossless frame too large");
                    }

                    componentIds = new int[components];
                    for (var c = 0; c < components; c++)
                    {
                        componentIds[c] = segment[6 + (3 * c)];
                    }

                    output = new int[width * height * components];
                    break;
                case 0xC0 or 0xC1 or 0xC2:
                    throw new CodecException("not a lossless JPEG (DCT frame)");
                case 0xDA:
                    if (output is null)
                    {
                        throw new CodecException("JPEG scan before frame header");
                    }

                    pos = DecodeScan(data, pos + 2 + length, segment, tables, componentIds, output, width, height, precision, restartInterval);
                    continue;
            }

            pos += 2 + length;
        }

        return output ?? throw new CodecException("JPEG lossless frame has no frame header (SOF3)");
    }

    private static void ReadHuffman(ReadOnlySpan<byte> s, HuffmanTable?[] tables)
    {
        var p = 0;
        while (p + 17 <= s.Length)
        {
            var id = s[p] & 0x0F;
            var counts = s.Slice(p + 1, 16);
            var total = 0;
            foreach (var c in counts)
            {
                total += c;
            }

            if (p + 17 + total > s.Length || id > 3)
            {
                throw new CodecException("JPEG Huffman table truncated");
            }

            tables[id] = new HuffmanTable(counts, s.Slice(p + 17, total));
            p += 17 + total;
        }
    }
}
