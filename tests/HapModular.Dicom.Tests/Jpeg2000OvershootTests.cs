using System.Text;
using HapModular.Dicom.Imaging;
using HapModular.Tests.Shared;

namespace HapModular.Dicom.Tests;

/// <summary>
/// The defect of issue #11: a lossy JPEG 2000 MR (16-bit codestream, Bits Stored 12) showed black spots on its
/// brightest edge, because decoded values 4096–4170 were masked to 12 bits and wrapped to 0–74. Codestream values
/// beyond Bits Stored are clamped: bright never turns black.
/// </summary>
public sealed class Jpeg2000OvershootTests
{
    private const int Side = 32;

    [Fact]
    public void Codestream_values_above_bits_stored_are_clamped_never_wrapped_to_black()
    {
        // A 16-bit codestream (OpenJPEG's own encoder) whose bright square holds 4096–4170, as lossy ringing gives.
        var pixels = new int[Side * Side];
        for (var i = 0; i < pixels.Length; i++)
        {
            var (y, x) = (i / Side, i % Side);
            pixels[i] = x >= 16 && y >= 16 ? 4096 + ((x + y) % 75) : 2000 + x;
        }

        var file = DicomFile.Read(Mr(Codestream(pixels)));
        var image = DicomImage.Create(file);
        var stored = image.DecodeStored(0, out _);
        Assert.Equal(2000, stored[0]);
        Assert.All(Enumerable.Range(0, pixels.Length).Where(i => pixels[i] > 4095), i => Assert.Equal(4095, stored[i]));

        // With the stored window (C 2048, W 4096) the square is white, not black.
        var grey = image.Render(0, VoiChoice.Default).Pixels;
        Assert.All(Enumerable.Range(0, pixels.Length).Where(i => pixels[i] > 4095), i => Assert.Equal(255, grey[i]));
        Assert.True(grey[0] > 100);
    }

    [Fact]
    public void Negative_overshoot_of_an_unsigned_image_is_clamped_to_zero()
    {
        // Signed 16-bit codestream (ringing below 0 in an unsigned image): −40 shows as 0, the darkest, not as 4056.
        var pixels = Enumerable.Range(0, Side * Side).Select(i => i < Side ? -40 : 1000).ToArray();
        var stored = DicomImage.Create(DicomFile.Read(Mr(Codestream(pixels, signed: true)))).DecodeStored(0, out _);
        Assert.All(stored[..Side], v => Assert.Equal(0, v));
        Assert.Equal(1000, stored[^1]);
    }

    // Encodes 16-bit grey samples losslessly with opj_compress (Debian libopenjp2-tools) from a PGM (big-endian words).
    private static byte[] Codestream(int[] pixels, bool signed = false)
    {
        var dir = Directory.CreateTempSubdirectory("hap-j2k-");
        try
        {
            var pgm = Path.Combine(dir.FullName, "in.pgm");
            var j2k = Path.Combine(dir.FullName, "out.j2k");
            using (var s = File.Create(pgm))
            {
                s.Write(Encoding.ASCII.GetBytes($"P5\n{Side} {Side}\n65535\n"));
                foreach (var p in pixels)
                {
                    var word = (ushort)(signed ? (short)p : p);
                    s.Write([(byte)(word >> 8), (byte)word]);
                }
            }

            // -TP/-SOP kept off: a plain codestream, as DICOM encapsulates it. Signedness comes from the raw options.
            var args = signed
                ? new[] { "-i", Raw(pixels, dir.FullName), "-o", j2k, "-F", $"{Side},{Side},1,16,s" }
                : new[] { "-i", pgm, "-o", j2k };
            var (code, stdout, stderr) = Dcmtk.Run("opj_compress", args);
            Assert.True(code == 0, $"opj_compress failed: {stderr}{stdout}");
            return File.ReadAllBytes(j2k);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    // A .rawl input (little-endian 16-bit words) for signed samples, which PGM cannot hold.
    private static string Raw(int[] pixels, string dir)
    {
        var raw = Path.Combine(dir, "in.rawl");
        File.WriteAllBytes(raw, [.. pixels.SelectMany(p => BitConverter.GetBytes((short)p))]);
        return raw;
    }

    private static byte[] Mr(byte[] codestream) => new TestDicomWriter()
        .Text(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.4")
        .Text(0x0008, 0x0018, "UI", "2.25.44444444444444444444")
        .Text(0x0008, 0x0060, "CS", "MR")
        .US(0x0028, 0x0002, 1)
        .Text(0x0028, 0x0004, "CS", "MONOCHROME2")
        .US(0x0028, 0x0010, Side)
        .US(0x0028, 0x0011, Side)
        .US(0x0028, 0x0100, 16)
        .US(0x0028, 0x0101, 12)
        .US(0x0028, 0x0102, 11)
        .US(0x0028, 0x0103, 0)
        .Text(0x0028, 0x1050, "DS", "2048")
        .Text(0x0028, 0x1051, "DS", "4096")
        .Encapsulated(codestream)
        .ToFile("1.2.840.10008.5.1.4.1.1.4", "2.25.44444444444444444444", "1.2.840.10008.1.2.4.91");
}
