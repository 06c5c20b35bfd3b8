using System.Buffers.Binary;

namespace HapModular.Dicom.Codecs;

/// <summary>
/// JPEG lossless, process 14 (ITU T.81 annex H), all seven predictors, point transform, restart intervals,
/// interleaved and non-interleaved scans. Written here because JpegLibrary decodes only predictor 1 correctly.
/// </summary>
internal static class JpegLosslessDecoder
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

    private static int DecodeScan(ReadOnlySpan<byte> data, int start, ReadOnlySpan<byte> header, HuffmanTable?[] tables, int[] componentIds, int[] output, int width, int height, int precision, int restartInterval)
    {
        var ns = header[0];
        if (ns < 1 || header.Length < 1 + (2 * ns) + 3)
        {
            throw new CodecException("JPEG scan header too short");
        }

        var scanComponents = new int[ns];
        var scanTables = new HuffmanTable[ns];
        for (var i = 0; i < ns; i++)
        {
            var index = Array.IndexOf(componentIds, (int)header[1 + (2 * i)]);
            scanComponents[i] = index < 0 ? Math.Min(i, componentIds.Length - 1) : index;
            scanTables[i] = tables[header[2 + (2 * i)] >> 4] ?? throw new CodecException("JPEG scan uses an undefined Huffman table");
        }

        var predictor = header[1 + (2 * ns)];
        var pointTransform = header[3 + (2 * ns)] & 0x0F;
        if (predictor is < 1 or > 7)
        {
            throw new CodecException($"JPEG lossless predictor {predictor} is not 1–7");
        }

        var nc = componentIds.Length;
        var reader = new JpegBitReader(data, start);
        var initial = 1 << (precision - pointTransform - 1);
        var mask = (1 << precision) - 1;
        var mcuCount = 0;
        var firstLine = true;
        var restartAt = -1;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (restartInterval > 0 && mcuCount > 0 && mcuCount % restartInterval == 0)
                {
                    reader.Restart();
                    firstLine = true;
                    restartAt = (y * width) + x;
                }

                mcuCount++;
                for (var i = 0; i < ns; i++)
                {
                    var c = scanComponents[i];
                    var t = scanTables[i].Decode(ref reader);
                    int diff;
                    if (t == 16)
                    {
                        diff = 32768;
                    }
                    else if (t == 0)
                    {
                        diff = 0;
                    }
                    else
                    {
                        diff = reader.Receive(t);
                        if (diff < 1 << (t - 1))
                        {
                            diff -= (1 << t) - 1;
                        }
                    }

                    var at = (((y * width) + x) * nc) + c;
                    int prediction;
                    var pixelIndex = (y * width) + x;
                    if (pixelIndex == 0 || pixelIndex == restartAt)
                    {
                        prediction = initial;
                    }
                    else if (firstLine || y == 0)
                    {
                        prediction = x > 0 ? output[at - nc] : output[at - (width * nc)];
                    }
                    else if (x == 0)
                    {
                        prediction = output[at - (width * nc)];
                    }
                    else
                    {
                        var ra = output[at - nc];
                        var rb = output[at - (width * nc)];
                        var rc = output[at - (width * nc) - nc];
                        prediction = predictor switch
                        {
                            1 => ra,
                            2 => rb,
                            3 => rc,
                            4 => ra + rb - rc,
                            5 => ra + ((rb - rc) >> 1),
                            6 => rb + ((ra - rc) >> 1),
                            _ => (ra + rb) >> 1,
                        };
                    }

                    output[at] = (prediction + diff) & 0xFFFF & (mask >> pointTransform);
                }
            }

            // A restart's "first line" ends at the end of the image row in which the restart happened.
            if (firstLine && restartAt >= 0 && (y * width) + width > restartAt)
            {
                firstLine = false;
            }
            else if (restartAt < 0)
            {
                firstLine = false;
            }
        }

        if (pointTransform > 0)
        {
            for (var i = 0; i < output.Length; i++)
            {
                output[i] <<= pointTransform;
            }
        }

        return Math.Max(reader.Position, start);
    }
}
