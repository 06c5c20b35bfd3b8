namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// The SCP-ECG default Huffman table (EN 1064 annex, table "19999"): 0 → "0", ±1…±8 → prefixes of 3 to 10
/// bits ("1…10x", x the sign), "1111111110" + 8-bit and "1111111111" + 16-bit two's-complement originals.
/// Bits are read most significant first.
/// </summary>
internal static class ScpHuffman
{
    public static bool TryDecode(ReadOnlySpan<byte> data, int count, Span<int> output)
    {
        var bits = new BitReader(data);
        for (var k = 0; k < count; k++)
        {
            if (bits.Left < 1)
            {
                return false;
            }

            if (bits.Next() == 0)
            {
                output[k] = 0;
                continue;
            }

            // After the leading one, n further ones and a zero mean magnitude n + 1; the sign bit follows.
            var ones = 0;
            while (ones < 8 && bits.Left > 0 && bits.Next() == 1)
            {
                ones++;
            }

            if (bits.Left < 1)
            {
                return false;
            }

            if (ones < 8)
            {
                output[k] = bits.Next() == 0 ? ones + 1 : -(ones + 1);
                continue;
            }

            // Nine ones in a row: the tenth bit chooses an 8-bit or a 16-bit original value.
            var wide = bits.Next() == 1;
            var width = wide ? 16 : 8;
            if (bits.Left < width)
            {
                return false;
            }

            var raw = bits.Read(width);
            output[k] = wide ? (short)raw : (sbyte)raw;
        }

        return true;
    }

    private ref struct BitReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> data = data;
        private long position;

        public readonly long Left => ((long)data.Length * 8) - position;

        public int Next()
        {
            var b = (data[(int)(position >> 3)] >> (7 - (int)(position & 7))) & 1;
            position++;
            return b;
        }

        public int Read(int n)
        {
            var v = 0;
            for (var i = 0; i < n; i++)
            {
                v = (v << 1) | Next();
            }

            return v;
        }
    }
}
