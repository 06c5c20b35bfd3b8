using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace HapModular.Testing;

/// <summary>
/// A small DICOM Part 10 writer for tests (Explicit VR Little Endian, 16-bit signed monochrome): series of any length
/// with chosen UIDs, spacing and positions, so tests control what the portal serves. Pixel values follow a pattern
/// that differs per slice (the viewer's scrolling is visible) with a bright disc whose diameter is known in mm.
/// </summary>
public static class SyntheticDicom
{
    /// <summary>One slice of a synthetic study.</summary>
    /// <param name="StudyUid">Study Instance UID.</param>
    /// <param name="SeriesUid">Series Instance UID.</param>
    /// <param name="SopUid">SOP Instance UID.</param>
    /// <param name="InstanceNumber">Instance Number (1-based).</param>
    /// <param name="Modality">CT, MR…</param>
    /// <param name="StudyDate">YYYYMMDD.</param>
    /// <param name="Size">Rows = Columns.</param>
    /// <param name="PixelSpacingMm">Pixel Spacing (row = column), or null to leave it out.</param>
    /// <param name="FrameOfReferenceUid">Frame of Reference UID (same for series to synchronise).</param>
    /// <param name="PatientId">Patient ID in the file.</param>
    /// <param name="SeriesNumber">Series Number.</param>
    /// <param name="SeriesDescription">Series Description.</param>
    public sealed record Slice(
        string StudyUid,
        string SeriesUid,
        string SopUid,
        int InstanceNumber,
        string Modality = "CT",
        string StudyDate = "20260922",
        int Size = 64,
        double? PixelSpacingMm = 0.5,
        string FrameOfReferenceUid = "1.2.826.0.1.3680043.10.1000.9",
        string PatientId = "HAP-TEST",
        int SeriesNumber = 1,
        string SeriesDescription = "Synthetic series");

    /// <summary>A UID under a test root, unique per call.</summary>
    /// <returns>The UID.</returns>
    public static string NewUid() => "2.25." + new System.Numerics.BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true).ToString(CultureInfo.InvariantCulture);

    /// <summary>The slices of one series: <paramref name="count"/> instances numbered 1…count.</summary>
    /// <param name="count">Number of slices.</param>
    /// <param name="template">Study/series UIDs and the other settings; SOP UID and number are replaced.</param>
    /// <returns>The slices.</returns>
    public static IReadOnlyList<Slice> Series(int count, Slice template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return [.. Enumerable.Range(1, count).Select(n => template with { SopUid = NewUid(), InstanceNumber = n })];
    }

    /// <summary>The Part 10 bytes of a slice.</summary>
    /// <param name="s">The slice.</param>
    /// <returns>The file.</returns>
    public static byte[] Write(Slice s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var body = new MemoryStream();
        var inv = CultureInfo.InvariantCulture;
        Text(body, 0x0008, 0x0005, "CS", "ISO_IR 100");
        Text(body, 0x0008, 0x0008, "CS", "ORIGINAL\\PRIMARY\\AXIAL");
        Text(body, 0x0008, 0x0016, "UI", CtStorage);
        Text(body, 0x0008, 0x0018, "UI", s.SopUid);
        Text(body, 0x0008, 0x0020, "DA", s.StudyDate);
        Text(body, 0x0008, 0x0030, "TM", "101500");
        Text(body, 0x0008, 0x0050, "SH", "ACC" + s.StudyDate);
        Text(body, 0x0008, 0x0060, "CS", s.Modality);
        Text(body, 0x0008, 0x0090, "PN", "Referrer^Test");
        Text(body, 0x0008, 0x1030, "LO", s.Modality + " synthétique");
        Text(body, 0x0008, 0x103E, "LO", s.SeriesDescription);
        Text(body, 0x0010, 0x0010, "PN", "Test^Patient");
        Text(body, 0x0010, 0x0020, "LO", s.PatientId);
        Text(body, 0x0010, 0x0030, "DA", "19610102");
        Text(body, 0x0010, 0x0040, "CS", "F");
        Text(body, 0x0020, 0x000D, "UI", s.StudyUid);
        Text(body, 0x0020, 0x000E, "UI", s.SeriesUid);
        Text(body, 0x0020, 0x0010, "SH", "1");
        Text(body, 0x0020, 0x0011, "IS", s.SeriesNumber.ToString(inv));
        Text(body, 0x0020, 0x0013, "IS", s.InstanceNumber.ToString(inv));
        var z = (s.InstanceNumber - 1) * 2.5;
        Text(body, 0x0020, 0x0032, "DS", string.Create(inv, $"-16\\-16\\{z}"));
        Text(body, 0x0020, 0x0037, "DS", "1\\0\\0\\0\\1\\0");
        Text(body, 0x0020, 0x0052, "UI", s.FrameOfReferenceUid);
        Text(body, 0x0020, 0x1041, "DS", z.ToString(inv));
        UShort(body, 0x0028, 0x0002, 1);
        Text(body, 0x0028, 0x0004, "CS", "MONOCHROME2");
        UShort(body, 0x0028, 0x0010, (ushort)s.Size);
        UShort(body, 0x0028, 0x0011, (ushort)s.Size);
        if (s.PixelSpacingMm is { } spacing)
        {
            Text(body, 0x0028, 0x0030, "DS", string.Create(inv, $"{spacing}\\{spacing}"));
        }

        UShort(body, 0x0028, 0x0100, 16);
        UShort(body, 0x0028, 0x0101, 16);
        UShort(body, 0x0028, 0x0102, 15);
        UShort(body, 0x0028, 0x0103, 1);
        Text(body, 0x0028, 0x1050, "DS", "40");
        Text(body, 0x0028, 0x1051, "DS", "400");
        Text(body, 0x0028, 0x1052, "DS", "-1024");
        Text(body, 0x0028, 0x1053, "DS", "1");
        Element(body, 0x7FE0, 0x0010, "OW", Pixels(s));

        var meta = new MemoryStream();
        Element(meta, 0x0002, 0x0001, "OB", [0, 1]);
        Text(meta, 0x0002, 0x0002, "UI", CtStorage);
        Text(meta, 0x0002, 0x0003, "UI", s.SopUid);
        Text(meta, 0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1");
        Text(meta, 0x0002, 0x0012, "UI", "1.2.826.0.1.3680043.10.1000");
        var file = new MemoryStream();
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        var groupLength = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, (uint)meta.Length);
        Element(file, 0x0002, 0x0000, "UL", groupLength);
        meta.WriteTo(file);
        body.WriteTo(file);
        return file.ToArray();
    }

    /// <summary>The stored value at (x, y) of a slice: background -1000 + slice ramp, a disc of +1000 (HU ≈ 0 after rescale).</summary>
    /// <param name="s">The slice.</param>
    /// <param name="x">Column.</param>
    /// <param name="y">Row.</param>
    /// <returns>The stored value.</returns>
    public static short StoredValue(Slice s, int x, int y)
    {
        ArgumentNullException.ThrowIfNull(s);
        var c = s.Size / 2.0;
        var radius = s.Size / 4.0;
        var inDisc = ((x - c + 0.5) * (x - c + 0.5)) + ((y - c + 0.5) * (y - c + 0.5)) <= radius * radius;
        var ramp = ((x + (s.InstanceNumber * 7)) % s.Size) * 4;
        return (short)(inDisc ? 1024 + 40 + (s.InstanceNumber % 50) : 24 + ramp);
    }

    private const string CtStorage = "1.2.840.10008.5.1.4.1.1.2";

    private static byte[] Pixels(Slice s)
    {
        var bytes = new byte[s.Size * s.Size * 2];
        for (var y = 0; y < s.Size; y++)
        {
            for (var x = 0; x < s.Size; x++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(((y * s.Size) + x) * 2), StoredValue(s, x, y));
            }
        }

        return bytes;
    }

    private static void Text(Stream stream, ushort group, ushort element, string vr, string value)
    {
        var bytes = (vr is "LO" or "PN" or "SH" ? Encoding.Latin1 : Encoding.ASCII).GetBytes(value);
        if (bytes.Length % 2 == 1)
        {
            bytes = [.. bytes, vr == "UI" ? (byte)0 : (byte)' '];
        }

        Element(stream, group, element, vr, bytes);
    }

    private static void UShort(Stream stream, ushort group, ushort element, ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        Element(stream, group, element, "US", bytes);
    }

    private static void Element(Stream stream, ushort group, ushort element, string vr, byte[] value)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        if (vr is "OB" or "OW" or "SQ" or "UN" or "UT")
        {
            header[6] = header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)value.Length);
            stream.Write(header);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)value.Length);
            stream.Write(header[..8]);
        }

        stream.Write(value);
    }
}
