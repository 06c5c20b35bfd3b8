using System.Buffers.Binary;

namespace HapModular.Dicom;

/// <summary>One data element as read from the file: tag, VR, raw value bytes, and its items or fragments.</summary>
public sealed class DicomElement
{
    internal DicomElement(DicomTag tag, DicomVR vr, long offset, ReadOnlyMemory<byte> rawValue, bool bigEndian)
    {
        Tag = tag;
        VR = vr;
        Offset = offset;
        RawValue = rawValue;
        BigEndian = bigEndian;
    }

    /// <summary>The tag.</summary>
    public DicomTag Tag { get; }

    /// <summary>The VR (explicit in the file, or from the dictionary for implicit VR; UN when unknown).</summary>
    public DicomVR VR { get; }

    /// <summary>
    /// The VR its value is read with: <see cref="VR"/>, except that an explicit UN (a value written by an application
    /// that did not know the element) is read with the dictionary's VR (PS3.5 §6.2.2: UN holds the value as it
    /// would be encoded in Little Endian).
    /// </summary>
    public DicomVR ValueVR => VR == DicomVR.UN && !BigEndian && Items.Count == 0 && Fragments is null ? DicomDictionary.VrOf(Tag) : VR;

    /// <summary>Byte offset of the element's tag in the (inflated) stream.</summary>
    public long Offset { get; }

    /// <summary>The value bytes exactly as stored (byte order of the transfer syntax); empty for sequences and encapsulated data.</summary>
    public ReadOnlyMemory<byte> RawValue { get; }

    /// <summary>Whether binary values are stored big endian (Explicit VR Big Endian).</summary>
    public bool BigEndian { get; }

    /// <summary>Sequence items (empty unless the element is a sequence).</summary>
    public IReadOnlyList<DicomDataset> Items { get; internal init; } = [];

    /// <summary>Encapsulated pixel data fragments (null unless the value was of undefined length and not a sequence).</summary>
    public DicomFragments? Fragments { get; internal init; }

    /// <summary>Whether this element is a sequence.</summary>
    public bool IsSequence => VR == DicomVR.SQ;

    /// <summary>Number of binary values of the given size in the raw value.</summary>
    /// <param name="size">Value size in bytes.</param>
    /// <returns>The count.</returns>
    public int Count(int size) => size <= 0 ? 0 : RawValue.Length / size;

    /// <summary>Reads an unsigned 16-bit value.</summary>
    /// <param name="index">Value index.</param>
    /// <returns>The value.</returns>
    public ushort GetUInt16(int index = 0)
    {
        var s = RawValue.Span.Slice(index * 2, 2);
        return BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
    }

    /// <summary>Reads an unsigned 32-bit value.</summary>
    /// <param name="index">Value index.</param>
    /// <returns>The value.</returns>
    public uint GetUInt32(int index = 0)
    {
        var s = RawValue.Span.Slice(index * 4, 4);
        return BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
    }

    /// <summary>Reads an unsigned 64-bit value.</summary>
    /// <param name="index">Value index.</param>
    /// <returns>The value.</returns>
    public ulong GetUInt64(int index = 0)
    {
        var s = RawValue.Span.Slice(index * 8, 8);
        return BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s);
    }

    /// <summary>Reads a binary numeric value per the VR (US, SS, UL, SL, FL, FD, SV, UV, OW…) as a double.</summary>
    /// <param name="index">Value index.</param>
    /// <param name="value">The value.</param>
    /// <returns>False when the VR is not binary numeric or the index is out of range.</returns>
    public bool TryGetBinaryNumber(int index, out double value)
    {
        value = 0;
        var vr = ValueVR;
        var size = DicomVRInfo.BinarySize(vr);
        if (size == 0 || index < 0 || index >= Count(size))
        {
            return false;
        }

        value = vr switch
        {
            DicomVR.US or DicomVR.OW => GetUInt16(index),
            DicomVR.SS => (short)GetUInt16(index),
            DicomVR.UL or DicomVR.OL or DicomVR.AT => GetUInt32(index),
            DicomVR.SL => (int)GetUInt32(index),
            DicomVR.FL or DicomVR.OF => BitConverter.Int32BitsToSingle((int)GetUInt32(index)),
            DicomVR.FD or DicomVR.OD => BitConverter.Int64BitsToDouble((long)GetUInt64(index)),
            DicomVR.SV => (long)GetUInt64(index),
            _ => GetUInt64(index),
        };
        return true;
    }
}
