using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace HapModular.Testing;

/// <summary>
/// Small files that expand into huge ones (resource amplification), written without ever holding the expansion:
/// a PNG of zeros with any dimensions, and a deflated DICOM whose data set inflates to any size.
/// </summary>
public static class Bombs
{
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    /// <summary>An 8-bit grey PNG of <paramref name="width"/> × <paramref name="height"/> black pixels (9999 × 9999 is ~100 KB).</summary>
    public static byte[] Png(int width, int height)
    {
        using var file = new MemoryStream();
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grey), compression 0, filter 0, no interlace
        Chunk(file, "IHDR", header);
        using (var pixels = new MemoryStream())
        {
            using (var z = new ZLibStream(pixels, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var row = new byte[width + 1]; // filter byte 0, then the row's zeros
                for (var y = 0; y < height; y++)
                {
                    z.Write(row);
                }
            }

            Chunk(file, "IDAT", pixels.ToArray());
        }

        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>A Part 10 file in Deflated Explicit VR Little Endian whose data set inflates to about <paramref name="inflatedBytes"/>.</summary>
    public static byte[] DeflatedDicom(int inflatedBytes)
    {
        using var file = new MemoryStream();
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        Element(file, 0x0002, 0x0002, "UI", Ui("1.2.840.10008.5.1.4.1.1.7"));
        Element(file, 0x0002, 0x0003, "UI", Ui("1.2.826.0.1.3680043.2.1143.4242"));
        Element(file, 0x0002, 0x0010, "UI", Ui("1.2.840.10008.1.2.1.99"));
        using (var deflate = new DeflateStream(file, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            Element(deflate, 0x0008, 0x0016, "UI", Ui("1.2.840.10008.5.1.4.1.1.7"));
            Element(deflate, 0x0010, 0x0020, "LO", Encoding.ASCII.GetBytes("BOMB01"));
            // A private OB element of zeros: (0011,1010) OB, 4-byte length.
            deflate.Write([0x11, 0x00, 0x10, 0x10, (byte)'O', (byte)'B', 0, 0]);
            var length = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, inflatedBytes);
            deflate.Write(length);
            var zeros = new byte[1 << 20];
            for (var left = inflatedBytes; left > 0; left -= zeros.Length)
            {
                deflate.Write(zeros, 0, Math.Min(left, zeros.Length));
            }
        }

        return file.ToArray();
    }

    private static byte[] Ui(string uid) => Encoding.ASCII.GetBytes(uid.Length % 2 == 0 ? uid : uid + "\0");

    private static void Element(Stream stream, ushort group, ushort element, string vr, byte[] value)
    {
        var head = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(head, group);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(2), element);
        head[4] = (byte)vr[0];
        head[5] = (byte)vr[1];
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(6), (ushort)value.Length);
        stream.Write(head);
        stream.Write(value);
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        file.Write(typeAndData);
        var crc = 0xFFFFFFFFu;
        foreach (var b in typeAndData)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        var crcBytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc ^ 0xFFFFFFFFu);
        file.Write(crcBytes);
    }
}
