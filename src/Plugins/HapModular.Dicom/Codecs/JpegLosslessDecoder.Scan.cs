namespace HapModular.Dicom.Codecs;

/// <summary>One lossless scan: Huffman-coded differences added to the predictor (T.81 H.1.2), restarts honoured.</summary>
internal static partial class JpegLosslessDecoder
{
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
