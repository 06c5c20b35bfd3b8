using System.Text;

namespace HapModular.Viewers.Dicom.Tests;

/// <summary>Builds a small Encapsulated PDF object (explicit VR little endian Part 10) around given PDF bytes.</summary>
internal static class EncapsulatedPdfSample
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static byte[] Build()
    {
        using var ms = new MemoryStream();
        ms.Write(new byte[128]);
        ms.Write("DICM"u8);
        var meta = new MemoryStream();
        Short(meta, 0x0002, 0x0010, "UI", Uid("1.2.840.10008.1.2.1"));
        Short(ms, 0x0002, 0x0000, "UL", BitConverter.GetBytes((uint)meta.Length));
        ms.Write(meta.ToArray());
        Short(ms, 0x0008, 0x0016, "UI", Uid("1.2.840.10008.5.1.4.1.1.104.1"));
        Short(ms, 0x0008, 0x0060, "CS", Encoding.ASCII.GetBytes("DOC "));
        Short(ms, 0x0010, 0x0010, "PN", Encoding.ASCII.GetBytes("Test^Pdf"));
        Short(ms, 0x0042, 0x0012, "LO", Encoding.ASCII.GetBytes("application/pdf "));
        var value = Pdf.Length % 2 == 0 ? Pdf : [.. Pdf, 0];
        Long(ms, 0x0042, 0x0011, "OB", value);
        return ms.ToArray();
    }

    private static byte[] Uid(string uid) => Encoding.ASCII.GetBytes(uid.Length % 2 == 0 ? uid : uid + "\0");

    private static void Short(Stream s, ushort group, ushort element, string vr, byte[] value)
    {
        s.Write(BitConverter.GetBytes(group));
        s.Write(BitConverter.GetBytes(element));
        s.Write(Encoding.ASCII.GetBytes(vr));
        s.Write(BitConverter.GetBytes((ushort)value.Length));
        s.Write(value);
    }

    private static void Long(Stream s, ushort group, ushort element, string vr, byte[] value)
    {
        s.Write(BitConverter.GetBytes(group));
        s.Write(BitConverter.GetBytes(element));
        s.Write(Encoding.ASCII.GetBytes(vr));
        s.Write(new byte[2]);
        s.Write(BitConverter.GetBytes((uint)value.Length));
        s.Write(value);
    }
}
