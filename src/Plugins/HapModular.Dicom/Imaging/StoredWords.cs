using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HapModular.Dicom.Imaging;

/// <summary>
/// The two passes of a native 16-bit monochrome frame (#16, the heaviest managed function of a rendered frame):
/// the stored range (Bits Stored kept, sign-extended) over whole vectors, and the grey look-up through a table indexed
/// by the word's stored bits themselves, so the per-pixel loop is one shift, one mask and one load.
/// </summary>
internal static class StoredWords
{
    /// <summary>Minimum and maximum stored value, as <see cref="StoredValues.Normalize"/> would give them.</summary>
    public static (int Min, int Max) Range(ReadOnlySpan<ushort> words, int shift, int bitsStored, bool signed)
    {
        var mask = (ushort)((1 << bitsStored) - 1);
        var sign = (ushort)(signed ? 1 << (bitsStored - 1) : 0);
        int min = int.MaxValue, max = int.MinValue;
        var i = 0;
        if (Vector.IsHardwareAccelerated && words.Length >= Vector<ushort>.Count)
        {
            // In 16-bit lanes, (v ^ sign) - sign wraps to the sign-extended value read as a short.
            var vMask = new Vector<ushort>(mask);
            var vSign = new Vector<ushort>(sign);
            var (lowS, highS) = (new Vector<short>(short.MaxValue), new Vector<short>(short.MinValue));
            var (lowU, highU) = (new Vector<ushort>(ushort.MaxValue), Vector<ushort>.Zero);
            for (; i <= words.Length - Vector<ushort>.Count; i += Vector<ushort>.Count)
            {
                var v = Vector.ShiftRightLogical(new Vector<ushort>(words[i..]), shift) & vMask;
                if (signed)
                {
                    var s = Vector.AsVectorInt16((v ^ vSign) - vSign);
                    (lowS, highS) = (Vector.Min(lowS, s), Vector.Max(highS, s));
                }
                else
                {
                    (lowU, highU) = (Vector.Min(lowU, v), Vector.Max(highU, v));
                }
            }

            for (var lane = 0; lane < Vector<ushort>.Count; lane++)
            {
                (min, max) = signed
                    ? (Math.Min(min, lowS[lane]), Math.Max(max, highS[lane]))
                    : (Math.Min(min, lowU[lane]), Math.Max(max, highU[lane]));
            }
        }

        for (; i < words.Length; i++)
        {
            var v = Stored(words[i], shift, mask, sign);
            (min, max) = (Math.Min(min, v), Math.Max(max, v));
        }

        return (min, max);
    }

    /// <summary>
    /// Grey through <paramref name="table"/> (indexed by stored value − <paramref name="minStored"/>), for every word:
    /// the table is first spread over the word's 2^Bits Stored raw values, when that is not larger than the frame.
    /// </summary>
    public static void Map(ReadOnlySpan<ushort> words, int shift, int bitsStored, bool signed, byte[] table, int minStored, Span<byte> output)
    {
        var mask = (ushort)((1 << bitsStored) - 1);
        var sign = (ushort)(signed ? 1 << (bitsStored - 1) : 0);
        output = output[..words.Length];
        if (mask + 1 > words.Length)
        {
            for (var i = 0; i < words.Length; i++)
            {
                output[i] = table[Stored(words[i], shift, mask, sign) - minStored];
            }

            return;
        }

        // raw[r] = table[stored(r) - min] where the table has that stored value, else 0. Filled from the stored values
        // the table covers (the frame's range: a 12-bit CT in 16 bits stored is 4,096 of the 65,536 entries), the others
        // cleared — building all 2^Bits Stored entries one by one was a third of the look-up's time on such a frame.
        // From the pool: 64 KB for 16 bits stored, per frame otherwise.
        var raw = ArrayPool<byte>.Shared.Rent(mask + 1);
        try
        {
            raw.AsSpan(0, mask + 1).Clear();
            // Each representable stored value v has exactly one raw value, v's low Bits Stored bits.
            var (lowest, highest) = signed ? (-(mask + 1) / 2, mask / 2) : (0, (int)mask);
            var last = Math.Min(highest, (long)minStored + table.Length - 1);
            for (var v = Math.Max(lowest, minStored); v <= last; v++)
            {
                raw[v & mask] = table[v - minStored];
            }

            Spread(words, shift, mask, raw, output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>
    /// output[i] = raw[(words[i] >> shift) &amp; mask], four words per step, without the bounds checks the JIT cannot
    /// remove (1.5× on a 512×512 frame). Why it stays in bounds: the index is masked to at most <paramref name="mask"/>
    /// and <paramref name="raw"/> holds at least mask + 1 entries (checked); <paramref name="output"/> is at least as
    /// long as <paramref name="words"/> (checked).
    /// </summary>
    private static void Spread(ReadOnlySpan<ushort> words, int shift, ushort mask, byte[] raw, Span<byte> output)
    {
        if (raw.Length <= mask || output.Length < words.Length)
        {
            throw new ArgumentException("The look-up table or the output is shorter than the words need.");
        }

        ref var source = ref MemoryMarshal.GetReference(words);
        ref var target = ref MemoryMarshal.GetReference(output);
        ref var table = ref MemoryMarshal.GetArrayDataReference(raw);
        nint n = words.Length, i = 0;
        for (; i <= n - 4; i += 4)
        {
            var (a, b, c, d) = (Unsafe.Add(ref source, i), Unsafe.Add(ref source, i + 1), Unsafe.Add(ref source, i + 2), Unsafe.Add(ref source, i + 3));
            Unsafe.Add(ref target, i) = Unsafe.Add(ref table, (a >> shift) & mask);
            Unsafe.Add(ref target, i + 1) = Unsafe.Add(ref table, (b >> shift) & mask);
            Unsafe.Add(ref target, i + 2) = Unsafe.Add(ref table, (c >> shift) & mask);
            Unsafe.Add(ref target, i + 3) = Unsafe.Add(ref table, (d >> shift) & mask);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref target, i) = Unsafe.Add(ref table, (Unsafe.Add(ref source, i) >> shift) & mask);
        }
    }

    private static int Stored(ushort word, int shift, ushort mask, ushort sign)
    {
        var v = (word >> shift) & mask;
        return sign == 0 ? v : (short)(ushort)((v ^ sign) - sign);
    }
}
