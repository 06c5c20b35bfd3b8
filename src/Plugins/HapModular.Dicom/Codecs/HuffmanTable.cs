namespace HapModular.Dicom.Codecs;

/// <summary>A JPEG Huffman decoding table (ITU T.81 F.2.2.3).</summary>
internal sealed class HuffmanTable
{
    private readonly int[] maxCode = new int[18];
    private readonly int[] valPtr = new int[17];
    private readonly int[] minCode = new int[17];
    private readonly byte[] values;

    public HuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols)
    {
        values = symbols.ToArray();
        var code = 0;
        var k = 0;
        for (var len = 1; len <= 16; len++)
        {
            valPtr[len] = k;
            minCode[len] = code;
            for (var i = 0; i < counts[len - 1]; i++)
            {
                code++;
                k++;
            }

            maxCode[len] = counts[len - 1] > 0 ? code - 1 : -1;
            code <<= 1;
        }

        maxCode[17] = int.MaxValue;
    }

    public int Decode(ref JpegBitReader reader)
    {
        var code = 0;
        for (var len = 1; len <= 16; len++)
        {
            code = (code << 1) | reader.ReadBit();
            if (maxCode[len] >= 0 && code <= maxCode[len] && code >= minCode[len])
            {
                var index = valPtr[len] + code - minCode[len];
                return index < values.Length ? values[index] : 0;
            }
        }

        throw new CodecException("JPEG Huffman code not in the table (corrupt data)");
    }
}
