using System.Globalization;

namespace HapModular.Dicom;

/// <summary>A DICOM attribute tag: group and element number.</summary>
/// <param name="Group">The group number.</param>
/// <param name="Element">The element number.</param>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    /// <summary>Creates a tag from its 32-bit form <c>0xGGGGEEEE</c>.</summary>
    /// <param name="value">The packed tag.</param>
    public DicomTag(uint value)
        : this((ushort)(value >> 16), (ushort)value)
    {
    }

    /// <summary>The packed form <c>0xGGGGEEEE</c>.</summary>
    public uint Value => ((uint)Group << 16) | Element;

    /// <summary>Whether the tag is private (odd group).</summary>
    public bool IsPrivate => (Group & 1) == 1;

    /// <inheritdoc />
    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    /// <summary>The tag as dcmdump prints it, e.g. <c>(0010,0010)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Group:x4},{Element:x4})");

    /// <summary>Orders tags by their packed value.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>The comparison.</returns>
    public static bool operator <(DicomTag left, DicomTag right) => left.Value < right.Value;

    /// <summary>Orders tags by their packed value.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>The comparison.</returns>
    public static bool operator >(DicomTag left, DicomTag right) => left.Value > right.Value;

    /// <summary>Orders tags by their packed value.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>The comparison.</returns>
    public static bool operator <=(DicomTag left, DicomTag right) => left.Value <= right.Value;

    /// <summary>Orders tags by their packed value.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>The comparison.</returns>
    public static bool operator >=(DicomTag left, DicomTag right) => left.Value >= right.Value;
}
