using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace HapModular.Dicom.Writing;

/// <summary>
/// A data set to write, explicit VR little endian: each element's VR comes from the data dictionary (PS3.6), so a
/// tag the dictionary does not know is refused rather than written with a guessed VR; elements are written in
/// ascending tag order whatever the order of the calls; values are padded to even length as PS3.5 §7.1 requires.
/// </summary>
public sealed class DicomDatasetBuilder
{
    private readonly SortedDictionary<DicomTag, (DicomVR Vr, byte[] Value, IReadOnlyList<DicomDatasetBuilder>? Items)> elements = [];

    /// <summary>A text value (several values joined with the backslash).</summary>
    /// <param name="tag">The element's tag.</param>
    /// <param name="values">The values, written as ASCII (or ISO-IR 100 when declared).</param>
    /// <returns>This builder.</returns>
    public DicomDatasetBuilder Add(DicomTag tag, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var vr = VrOf(tag);
        if (!DicomVRInfo.IsText(vr) && vr is not (DicomVR.PN or DicomVR.UI))
        {
            throw new ArgumentException($"{tag} is {vr}, not text.", nameof(tag));
        }

        var text = string.Join('\\', values);
        var bytes = Encoding.Latin1.GetBytes(text);
        return Put(tag, vr, Pad(bytes, vr == DicomVR.UI ? (byte)0 : (byte)' '));
    }

    /// <summary>Numbers, encoded as the element's VR requires: decimal text (DS, IS) or binary (US, SS, UL, SL, FL, FD).</summary>
    /// <param name="tag">The element's tag.</param>
    /// <param name="values">The values.</param>
    /// <returns>This builder.</returns>
    public DicomDatasetBuilder Add(DicomTag tag, params double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var vr = VrOf(tag);
        if (vr is DicomVR.DS or DicomVR.IS)
        {
            var text = string.Join('\\', values.Select(v => vr == DicomVR.IS ? ((long)Math.Round(v)).ToString(CultureInfo.InvariantCulture) : Ds(v)));
            return Put(tag, vr, Pad(Encoding.ASCII.GetBytes(text), (byte)' '));
        }

        var size = DicomVRInfo.BinarySize(vr);
        if (size == 0)
        {
            throw new ArgumentException($"{tag} is {vr}, not a number.", nameof(tag));
        }

        var bytes = new byte[size * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var span = bytes.AsSpan(i * size, size);
            switch (vr)
            {
                case DicomVR.US: BinaryPrimitives.WriteUInt16LittleEndian(span, checked((ushort)values[i])); break;
                case DicomVR.SS: BinaryPrimitives.WriteInt16LittleEndian(span, checked((short)values[i])); break;
                case DicomVR.UL: BinaryPrimitives.WriteUInt32LittleEndian(span, checked((uint)values[i])); break;
                case DicomVR.SL: BinaryPrimitives.WriteInt32LittleEndian(span, checked((int)values[i])); break;
                case DicomVR.FL: BinaryPrimitives.WriteSingleLittleEndian(span, (float)values[i]); break;
                case DicomVR.FD: BinaryPrimitives.WriteDoubleLittleEndian(span, values[i]); break;
                default: throw new ArgumentException($"{tag} is {vr}: write it with AddBytes.", nameof(tag));
            }
        }

        return Put(tag, vr, bytes);
    }

    /// <summary>An attribute tag value (AT), e.g. the Frame Increment Pointer.</summary>
    /// <param name="tag">The element's tag.</param>
    /// <param name="value">The tag it points to.</param>
    /// <returns>This builder.</returns>
    public DicomDatasetBuilder AddTag(DicomTag tag, DicomTag value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), value.Element);
        return Put(tag, Expect(tag, DicomVR.AT), bytes);
    }

    /// <summary>Raw bytes (pixel data, waveform data): OB, OW or a VR the dictionary allows for the tag.</summary>
    /// <param name="tag">The element's tag.</param>
    /// <param name="vr">OB or OW where the dictionary allows both (Pixel Data); else the dictionary's VR.</param>
    /// <param name="value">The bytes, little endian for OW.</param>
    /// <returns>This builder.</returns>
    public DicomDatasetBuilder AddBytes(DicomTag tag, DicomVR vr, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var known = VrOf(tag);
        if (known != vr && !(vr is DicomVR.OB or DicomVR.OW && known is DicomVR.OB or DicomVR.OW))
        {
            throw new ArgumentException($"{tag} is {known}, not {vr}.", nameof(tag));
        }

        return Put(tag, vr, Pad(value, 0));
    }

    /// <summary>A sequence of items.</summary>
    /// <param name="tag">The element's tag (an SQ in the dictionary).</param>
    /// <param name="items">The items.</param>
    /// <returns>This builder.</returns>
    public DicomDatasetBuilder AddSequence(DicomTag tag, params DicomDatasetBuilder[] items)
    {
        Expect(tag, DicomVR.SQ);
        elements[tag] = (DicomVR.SQ, [], items);
        return this;
    }

    /// <summary>The encoded elements (explicit VR little endian, defined lengths).</summary>
    /// <returns>The bytes.</returns>
    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        foreach (var (tag, (vr, value, items)) in elements)
        {
            var body = items is null ? value : EncodeItems(items);
            WriteHeader(stream, tag, vr, body.Length);
            stream.Write(body);
        }

        return stream.ToArray();
    }

    internal static void WriteHeader(Stream stream, DicomTag tag, DicomVR vr, int length)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], tag.Element);
        var name = vr.ToString();
        header[4] = (byte)name[0];
        header[5] = (byte)name[1];
        if (DicomVRInfo.HasLongLength(vr))
        {
            header[6] = 0;
            header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)length);
            stream.Write(header);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], checked((ushort)length));
            stream.Write(header[..8]);
        }
    }

    private static byte[] EncodeItems(IReadOnlyList<DicomDatasetBuilder> items)
    {
        using var stream = new MemoryStream();
        Span<byte> header = stackalloc byte[8];
        foreach (var item in items)
        {
            var body = item.Encode();
            BinaryPrimitives.WriteUInt16LittleEndian(header, 0xFFFE);
            BinaryPrimitives.WriteUInt16LittleEndian(header[2..], 0xE000);
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)body.Length);
            stream.Write(header);
            stream.Write(body);
        }

        return stream.ToArray();
    }

    // DS is at most 16 characters: the shortest round-trip form that fits.
    private static string Ds(double value)
    {
        for (var digits = 15; digits > 0; digits--)
        {
            var text = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (text.Length <= 16)
            {
                return text;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, "Not representable as DS.");
    }

    private static DicomVR VrOf(DicomTag tag) =>
        DicomDictionary.TryLookup(tag, out var vr, out _) ? vr : throw new ArgumentException($"{tag} is not in the data dictionary.", nameof(tag));

    private static DicomVR Expect(DicomTag tag, DicomVR expected)
    {
        var vr = VrOf(tag);
        return vr == expected ? vr : throw new ArgumentException($"{tag} is {vr}, not {expected}.", nameof(tag));
    }

    private static byte[] Pad(byte[] value, byte pad) => value.Length % 2 == 0 ? value : [.. value, pad];

    private DicomDatasetBuilder Put(DicomTag tag, DicomVR vr, byte[] value)
    {
        elements[tag] = (vr, value, null);
        return this;
    }
}
