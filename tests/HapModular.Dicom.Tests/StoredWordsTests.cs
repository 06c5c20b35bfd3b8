using HapModular.Dicom.Imaging;

namespace HapModular.Dicom.Tests;

/// <summary>
/// The vector pass over a native 16-bit frame finds the stored range the scalar definition gives, and the look-up
/// through the spread table draws what the plain table draws, for every Bits Stored / High Bit / sign layout (with
/// junk in the bits outside Bits Stored), lengths that are not a whole number of vectors, and frames smaller than the
/// 2^Bits Stored table (the direct loop).
/// </summary>
public sealed class StoredWordsTests
{
    [Theory]
    [InlineData(16, 15, false)]
    [InlineData(16, 15, true)]
    [InlineData(12, 11, false)]
    [InlineData(12, 11, true)]
    [InlineData(12, 15, true)]
    [InlineData(10, 13, false)]
    [InlineData(1, 0, false)]
    public void Range_and_look_up_agree_with_the_scalar_definition(int bitsStored, int highBit, bool signed)
    {
        var random = new Random(bitsStored * 100 + highBit + (signed ? 7 : 0));
        var shift = highBit + 1 - bitsStored;
        foreach (var length in new[] { 1, 7, 33, 1000, 70_001 })
        {
            var words = new ushort[length];
            for (var i = 0; i < length; i++)
            {
                words[i] = (ushort)random.Next(0, 65536);
            }

            var expected = words.Select(w => Stored(w, shift, bitsStored, signed)).ToArray();
            var (min, max) = StoredWords.Range(words, shift, bitsStored, signed);
            Assert.Equal((expected.Min(), expected.Max()), (min, max));

            var table = Enumerable.Range(0, max - min + 1).Select(i => (byte)(i * 31 % 251)).ToArray();
            var output = new byte[length + 5];
            StoredWords.Map(words, shift, bitsStored, signed, table, min, output);
            Assert.Equal(expected.Select(v => table[v - min]), output.Take(length));
        }
    }

    private static int Stored(ushort word, int shift, int bitsStored, bool signed)
    {
        var v = (word >> shift) & ((1 << bitsStored) - 1);
        return signed && v >= 1 << (bitsStored - 1) ? v - (1 << bitsStored) : v;
    }
}
