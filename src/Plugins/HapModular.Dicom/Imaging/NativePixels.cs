using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace HapModular.Dicom.Imaging;

/// <summary>Unpacks one frame of native (uncompressed) pixel data into stored values, samples interleaved.</summary>
internal static class NativePixels
{
    public static int[] ReadFrame(PixelDescription d, DicomElement pixelData, int frame)
    {
        var raw = pixelData.RawValue.Span;
        var bigEndian = pixelData.BigEndian && pixelData.VR != DicomVR.OB;
        var swappedWords = pixelData.BigEndian && pixelData.VR == DicomVR.OW;
        if (d.Photometric is "YBR_FULL_422" or "YBR_PARTIAL_422" && d.BitsAllocated == 8 && d.SamplesPerPixel == 3)
        {
            return ReadYbr422(d, swappedWords ? Unswap(raw, 0, raw.Length) : raw, frame);
        }

        var samples = d.PixelCount * d.SamplesPerPixel;
        var frameBits = d.NativeFrameBits;
        var startBit = frameBits * frame;
        var endByte = (startBit + frameBits + 7) / 8;
        if (endByte > raw.Length)
        {
            throw new DicomImageException($"pixel data holds {raw.Length} bytes but frame {frame + 1} needs bytes up to {endByte} (truncated pixel data)");
        }

        if (swappedWords && d.BitsAllocated != 16)
        {
            // Explicit VR Big Endian swaps OW pixel data per 16-bit word whatever Bits Allocated is (dcmtk writes
            // 8-, 12- and 32-bit pixels that way): undo it for this frame's bytes, then read them as little endian.
            var first = (int)(startBit / 16) * 2;
            raw = Unswap(raw, first, (int)Math.Min(raw.Length, (endByte + 1) / 2 * 2));
            startBit -= first * 8L;
        }

        var values = new int[samples];
        switch (d.BitsAllocated)
        {
            case 1:
                for (var i = 0; i < samples; i++)
                {
                    var bit = startBit + i;
                    values[i] = (raw[(int)(bit >> 3)] >> (int)(bit & 7)) & 1;
                }

                break;
            case 8:
                var bytes = raw.Slice((int)(startBit / 8), samples);
                for (var i = 0; i < samples; i++)
                {
                    values[i] = bytes[i];
                }

                break;
            case 12:
                // ACR-NEMA packed: two 12-bit values in three bytes, read as little-endian 16-bit words.
                var b0 = (int)(startBit / 8);
                for (var i = 0; i < samples; i++)
                {
                    var p = b0 + ((i / 2) * 3);
                    values[i] = (i & 1) == 0 ? raw[p] | ((raw[p + 1] & 0x0F) << 8) : (raw[p + 1] >> 4) | (raw[p + 2] << 4);
                }

                break;
            case 16 when !bigEndian && BitConverter.IsLittleEndian:
                // The common case (every CT and MR frame): the file's words are the machine's, read them as such
                // rather than one two-byte slice at a time (was most of a rendered frame's CPU time).
                var native = MemoryMarshal.Cast<byte, ushort>(raw.Slice((int)(startBit / 8), samples * 2));
                for (var i = 0; i < native.Length; i++)
                {
                    values[i] = native[i];
                }

                break;
            case 16:
                var words = raw.Slice((int)(startBit / 8), samples * 2);
                for (var i = 0; i < samples; i++)
                {
                    values[i] = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(words[(i * 2)..]) : BinaryPrimitives.ReadUInt16LittleEndian(words[(i * 2)..]);
                }

                break;
            default:
                var dwords = raw.Slice((int)(startBit / 8), samples * 4);
                for (var i = 0; i < samples; i++)
                {
                    var u = bigEndian && pixelData.VR == DicomVR.OL ? BinaryPrimitives.ReadUInt32BigEndian(dwords[(i * 4)..]) : BinaryPrimitives.ReadUInt32LittleEndian(dwords[(i * 4)..]);

                    // 32-bit unsigned values above int.MaxValue are clamped: no DICOM image needs them.
                    values[i] = d.Signed ? (int)u : (int)Math.Min(u, int.MaxValue);
                }

                break;
        }

        if (d.BitsAllocated is 12 or 16 or 8 && (d.BitsStored != d.BitsAllocated || d.Signed))
        {
            StoredValues.Normalize(values, d, shift: d.HighBit + 1 - d.BitsStored);
        }

        return d.PlanarConfiguration == 1 && d.SamplesPerPixel == 3 ? StoredValues.PlanarToInterleaved(values, d.PixelCount) : values;
    }

    private static byte[] Unswap(ReadOnlySpan<byte> raw, int first, int last)
    {
        var words = raw[first..last].ToArray();
        for (var i = 0; i + 1 < words.Length; i += 2)
        {
            (words[i], words[i + 1]) = (words[i + 1], words[i]);
        }

        return words;
    }

    private static int[] ReadYbr422(PixelDescription d, ReadOnlySpan<byte> raw, int frame)
    {
        // Native YBR_FULL_422 stores Y1 Y2 Cb Cr for each pair of pixels: 2 bytes per pixel (PixelDescription.NativeFrameBits).
        var frameBytes = (int)(d.NativeFrameBits / 8);
        var start = (long)frameBytes * frame;
        if (start + frameBytes > raw.Length)
        {
            throw new DicomImageException($"pixel data holds {raw.Length} bytes but frame {frame + 1} needs bytes up to {start + frameBytes} (truncated pixel data)");
        }

        var src = raw.Slice((int)start, frameBytes);
        var values = new int[d.PixelCount * 3];
        for (var p = 0; p + 1 < d.PixelCount; p += 2)
        {
            var q = p * 2;
            int y1 = src[q], y2 = src[q + 1], cb = src[q + 2], cr = src[q + 3];
            values[p * 3] = y1;
            values[(p * 3) + 1] = cb;
            values[(p * 3) + 2] = cr;
            values[(p * 3) + 3] = y2;
            values[(p * 3) + 4] = cb;
            values[(p * 3) + 5] = cr;
        }

        return values;
    }
}
