using System.Buffers.Binary;
using System.Text;

namespace HapModular.Tests.Shared;

/// <summary>
/// Writes small Explicit VR Little Endian DICOM data sets for tests (encodings the corpus lacks); elements are
/// written in the order given, so callers list them in ascending tag order. dcmtk re-encodes the result into the
/// other transfer syntaxes.
/// </summary>
internal sealed class TestDicomWriter
{
    private static readonly HashSet<string> LongVrs = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"];
    private readonly MemoryStream body = new();

    public TestDicomWriter Text(ushort group, ushort element, string vr, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        return Bytes(group, element, vr, bytes.Length % 2 == 0 ? bytes : [.. bytes, vr == "UI" ? (byte)0 : (byte)' ']);
    }

    public TestDicomWriter US(ushort group, ushort element, params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        return Bytes(group, element, "US", bytes);
    }

    public TestDicomWriter UL(ushort group, ushort element, uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Bytes(group, element, "UL", bytes);
    }

    public TestDicomWriter Bytes(ushort group, ushort element, string vr, byte[] value)
    {
        var padded = value.Length % 2 == 0 ? value : [.. value, 0];
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        if (LongVrs.Contains(vr))
        {
            header[6] = header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)padded.Length);
            body.Write(header);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], checked((ushort)padded.Length));
            body.Write(header[..8]);
        }

        body.Write(padded);
        return this;
    }

    /// <summary>Encapsulated Pixel Data (7FE0,0010): an empty Basic Offset Table, then one fragment per frame.</summary>
    public TestDicomWriter Encapsulated(params byte[][] frames)
    {
        void Write(ushort group, ushort element, uint length)
        {
            Span<byte> header = stackalloc byte[8];
            BinaryPrimitives.WriteUInt16LittleEndian(header, group);
            BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], length);
            body.Write(header);
        }

        body.Write([0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'B', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
        Write(0xFFFE, 0xE000, 0);
        foreach (var frame in frames)
        {
            var padded = frame.Length % 2 == 0 ? frame : [.. frame, 0];
            Write(0xFFFE, 0xE000, (uint)padded.Length);
            body.Write(padded);
        }

        Write(0xFFFE, 0xE0DD, 0);
        return this;
    }

    /// <summary>A sequence of items, each written with its defined length.</summary>
    public TestDicomWriter Sequence(ushort group, ushort element, params TestDicomWriter[] items)
    {
        using var value = new MemoryStream();
        Span<byte> header = stackalloc byte[8];
        foreach (var item in items)
        {
            var bytes = item.body.ToArray();
            BinaryPrimitives.WriteUInt16LittleEndian(header, 0xFFFE);
            BinaryPrimitives.WriteUInt16LittleEndian(header[2..], 0xE000);
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)bytes.Length);
            value.Write(header);
            value.Write(bytes);
        }

        return Bytes(group, element, "SQ", value.ToArray());
    }

    /// <summary>A code sequence item: code value, scheme, meaning.</summary>
    public static TestDicomWriter Code(string value, string scheme, string meaning) =>
        new TestDicomWriter().Text(0x0008, 0x0100, "SH", value).Text(0x0008, 0x0102, "SH", scheme).Text(0x0008, 0x0104, "LO", meaning);

    /// <summary>The Part 10 file: preamble, "DICM", file meta, then this data set (written Explicit VR Little Endian).</summary>
    public byte[] ToFile(string sopClassUid, string sopInstanceUid, string transferSyntaxUid = "1.2.840.10008.1.2.1")
    {
        var meta = new TestDicomWriter()
            .Bytes(0x0002, 0x0001, "OB", [0, 1])
            .Text(0x0002, 0x0002, "UI", sopClassUid)
            .Text(0x0002, 0x0003, "UI", sopInstanceUid)
            .Text(0x0002, 0x0010, "UI", transferSyntaxUid)
            .Text(0x0002, 0x0012, "UI", "1.2.826.0.1.3680043.10.1519.1");
        var metaBytes = meta.body.ToArray();
        using var file = new MemoryStream();
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        file.Write(new TestDicomWriter().UL(0x0002, 0x0000, (uint)metaBytes.Length).body.ToArray());
        file.Write(metaBytes);
        file.Write(body.ToArray());
        return file.ToArray();
    }
}
