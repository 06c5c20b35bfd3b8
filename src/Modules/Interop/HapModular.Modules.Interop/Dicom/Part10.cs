using System.Buffers.Binary;
using System.Text;

namespace HapModular.Modules.Interop.Dicom;

/// <summary>
/// Wraps a received data set in a Part 10 file (PS3.10 7.1): 128-byte preamble, "DICM", the File Meta Information
/// group in Explicit VR Little Endian, then the data set exactly as it came off the wire.
/// </summary>
internal static class Part10
{
    public static byte[] Wrap(ReadOnlySpan<byte> dataset, string sopClassUid, string sopInstanceUid, string transferSyntaxUid, string sourceAe)
    {
        using var meta = new MemoryStream();
        Element(meta, 0x0001, "OB", [0x00, 0x01]);
        Element(meta, 0x0002, "UI", Uid(sopClassUid));
        Element(meta, 0x0003, "UI", Uid(sopInstanceUid));
        Element(meta, 0x0010, "UI", Uid(transferSyntaxUid));
        Element(meta, 0x0012, "UI", Uid(Negotiation.ImplementationClassUid));
        Element(meta, 0x0013, "SH", Text(Negotiation.ImplementationVersion));
        if (sourceAe.Length > 0)
        {
            Element(meta, 0x0016, "AE", Text(sourceAe));
        }

        var file = new byte[128 + 4 + 12 + meta.Length + dataset.Length];
        "DICM"u8.CopyTo(file.AsSpan(128));
        var groupLength = file.AsSpan(132, 12);
        groupLength[0] = 0x02;
        "UL"u8.CopyTo(groupLength[4..]);
        BinaryPrimitives.WriteUInt16LittleEndian(groupLength[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength[8..], (uint)meta.Length);
        meta.GetBuffer().AsSpan(0, (int)meta.Length).CopyTo(file.AsSpan(144));
        dataset.CopyTo(file.AsSpan(144 + (int)meta.Length));
        return file;
    }

    private static byte[] Uid(string uid) => Encoding.ASCII.GetBytes(uid.Length % 2 == 0 ? uid : uid + "\0");

    private static byte[] Text(string text) => Encoding.ASCII.GetBytes(text.Length % 2 == 0 ? text : text + " ");

    private static void Element(Stream stream, ushort element, string vr, byte[] value)
    {
        var longForm = vr is "OB";
        Span<byte> header = stackalloc byte[longForm ? 12 : 8];
        header[0] = 0x02;
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        Encoding.ASCII.GetBytes(vr, header[4..]);
        if (longForm)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)value.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)value.Length);
        }

        stream.Write(header);
        stream.Write(value);
    }
}
