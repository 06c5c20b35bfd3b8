using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace HapModular.Dicom.Imaging;

/// <summary>
/// A minimal PNG encoder (8-bit grey or RGB, no interlace, "Sub" filter, zlib at its fastest level): the display
/// path needs speed more than the last few percent of size.
/// </summary>
public static class PngWriter
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Encodes an image as PNG.</summary>
    /// <param name="image">The image.</param>
    /// <returns>The PNG bytes.</returns>
    public static byte[] Encode(RenderedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        // Buffers sized for what a rendered frame compresses to (a 512×512 CT: ~10 KB), the filtered rows from the pool:
        // the former half-frame capacities and the filtered copy were three large-object-heap arrays per frame served.
        using var output = new MemoryStream(16 * 1024);
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], image.Height);
        header[8] = 8;
        header[9] = (byte)(image.Channels == 3 ? 2 : 0);
        WriteChunk(output, "IHDR"u8, header);

        var stride = image.Width * image.Channels;
        var length = (stride + 1) * image.Height;
        var filtered = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var bpp = image.Channels;
            for (var y = 0; y < image.Height; y++)
            {
                var src = image.Pixels.AsSpan(y * stride, stride);
                var dst = filtered.AsSpan((y * (stride + 1)) + 1, stride);
                filtered[y * (stride + 1)] = 1;
                src[..bpp].CopyTo(dst);
                for (var x = bpp; x < stride; x++)
                {
                    dst[x] = (byte)(src[x] - src[x - bpp]);
                }
            }

            using var compressed = new MemoryStream(16 * 1024);
            using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                z.Write(filtered, 0, length);
            }

            WriteChunk(output, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(filtered);
        }

        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = Crc(Crc(0xFFFFFFFF, type), data) ^ 0xFFFFFFFF;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
