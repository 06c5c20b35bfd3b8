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

    /// <summary>
    /// A frame whose values fill a small part of Bits Stored (a 12-bit CT in 16 bits, signed or not, with junk above High
    /// Bit): only the frame's range of the look-up is built from the table, and a pooled array that held another
    /// frame's look-up draws nothing of it.
    /// </summary>
    [Theory]
    [InlineData(16, 15, false, 0, 4095)]
    [InlineData(16, 15, true, -1024, 3071)]
    [InlineData(16, 15, true, -2000, -1000)]
    [InlineData(12, 11, true, -2048, 2047)]
    [InlineData(12, 13, false, 100, 300)]
    public void A_narrow_range_draws_what_the_plain_table_draws(int bitsStored, int highBit, bool signed, int low, int high)
    {
        var random = new Random(low ^ high ^ bitsStored);
        var shift = highBit + 1 - bitsStored;
        var junk = (ushort)~(((1 << bitsStored) - 1) << shift);
        foreach (var length in new[] { 70_001, 262_144 })
        {
            var values = Enumerable.Range(0, length).Select(_ => random.Next(low, high + 1)).ToArray();
            var words = values.Select(v => (ushort)((((v & ((1 << bitsStored) - 1)) << shift) | (random.Next(0, 65536) & junk)) & 0xFFFF)).ToArray();
            var (min, max) = StoredWords.Range(words, shift, bitsStored, signed);
            Assert.Equal((values.Min(), values.Max()), (min, max));

            var table = Enumerable.Range(0, max - min + 1).Select(i => (byte)(1 + (i * 31 % 250))).ToArray();
            var output = new byte[length];
            StoredWords.Map(words, shift, bitsStored, signed, table, min, output);
            Assert.Equal(values.Select(v => table[v - min]), output);

            // The next frame, through the same pooled look-up: another range, another table.
            var shifted = values.Select(v => Math.Clamp(v + ((high - low) / 3), low, high)).ToArray();
            var again = shifted.Select(v => (ushort)(((v & ((1 << bitsStored) - 1)) << shift) & 0xFFFF)).ToArray();
            var (min2, max2) = StoredWords.Range(again, shift, bitsStored, signed);
            var table2 = Enumerable.Range(0, max2 - min2 + 1).Select(i => (byte)(255 - (i % 200))).ToArray();
            StoredWords.Map(again, shift, bitsStored, signed, table2, min2, output);
            Assert.Equal(shifted.Select(v => table2[v - min2]), output);
        }
    }

    private static int Stored(ushort word, int shift, int bitsStored, bool signed)
    {
        var v = (word >> shift) & ((1 << bitsStored) - 1);
        return signed && v >= 1 << (bitsStored - 1) ? v - (1 << bitsStored) : v;
    }
}
