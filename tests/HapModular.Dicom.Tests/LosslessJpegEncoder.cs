namespace HapModular.Dicom.Tests;

/// <summary>
/// A tiny JPEG lossless (process 14) encoder for tests: any predictor 1–7, point transform, restart intervals,
/// several interleaved components. One fixed Huffman table (17 five-bit codes for categories 0–16).
/// </summary>
internal static class LosslessJpegEncoder
{
    public static byte[] Encode(int[] samples, int width, int height, int components, int precision, int predictor, int restartInterval = 0)
    {
        var o = new List<byte> { 0xFF, 0xD8 };
        Segment(o, 0xC3, [(byte)precision, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)components,
            .. Enumerable.Range(0, components).SelectMany(c => new byte[] { (byte)(c + 1), 0x11, 0 })]);
        var counts = new byte[16];
        counts[4] = 17;
        Segment(o, 0xC4, [0x00, .. counts, .. Enumerable.Range(0, 17).Select(i => (byte)i)]);
        if (restartInterval > 0)
        {
            Segment(o, 0xDD, [(byte)(restartInterval >> 8), (byte)restartInterval]);
        }

        Segment(o, 0xDA, [(byte)components, .. Enumerable.Range(0, components).SelectMany(c => new byte[] { (byte)(c + 1), 0x00 }), (byte)predictor, 0, 0]);
        var bits = new BitWriter(o);
        var mcu = 0;
        var restarts = 0;
        var firstLine = true;
        var restartAt = -1;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0)
                {
                    bits.Flush();
                    o.Add(0xFF);
                    o.Add((byte)(0xD0 + (restarts++ % 8)));
                    firstLine = true;
                    restartAt = (y * width) + x;
                }

                mcu++;
                for (var c = 0; c < components; c++)
                {
                    var at = (((y * width) + x) * components) + c;
                    var index = (y * width) + x;
                    int pred;
                    if (index == 0 || index == restartAt)
                    {
                        pred = 1 << (precision - 1);
                    }
                    else if (firstLine || y == 0)
                    {
                        pred = x > 0 ? samples[at - components] : samples[at - (width * components)];
                    }
                    else if (x == 0)
                    {
                        pred = samples[at - (width * components)];
                    }
                    else
                    {
                        int ra = samples[at - components], rb = samples[at - (width * components)], rc = samples[at - (width * components) - components];
                        pred = predictor switch
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

                    var diff = (samples[at] - pred) & 0xFFFF;
                    if (diff >= 32768)
                    {
                        diff -= 65536;
                    }

                    var t = diff == 0 ? 0 : diff == -32768 ? 16 : 32 - int.LeadingZeroCount(Math.Abs(diff));
                    bits.Write(t, 5);
                    if (t is > 0 and < 16)
                    {
                        bits.Write(diff > 0 ? diff : diff + (1 << t) - 1, t);
                    }
                }
            }

            if (firstLine && restartAt >= 0 && (y * width) + width > restartAt)
            {
                firstLine = false;
            }
            else if (restartAt < 0)
            {
                firstLine = false;
            }
        }

        bits.Flush();
        o.Add(0xFF);
        o.Add(0xD9);
        return [.. o];
    }

    private static void Segment(List<byte> o, byte marker, byte[] body)
    {
        o.Add(0xFF);
        o.Add(marker);
        o.Add((byte)((body.Length + 2) >> 8));
        o.Add((byte)(body.Length + 2));
        o.AddRange(body);
    }

    private sealed class BitWriter(List<byte> output)
    {
        private int buffer;
        private int count;

        public void Write(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                buffer = (buffer << 1) | ((value >> i) & 1);
                if (++count == 8)
                {
                    Emit();
                }
            }
        }

        public void Flush()
        {
            while (count != 0)
            {
                buffer = (buffer << 1) | 1;
                if (++count == 8)
                {
                    Emit();
                }
            }
        }

        private void Emit()
        {
            output.Add((byte)buffer);
            if (buffer == 0xFF)
            {
                output.Add(0);
            }

            buffer = 0;
            count = 0;
        }
    }
}
