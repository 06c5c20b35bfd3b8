using System.Globalization;
using System.Text;
using HapModular.Dicom.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace HapModular.Dicom.Tests;

/// <summary>Frame 1 of every corpus image against dcmtk's reference PNG (or gdcmconv's for JPEG 2000), same window rule.</summary>
public sealed class FidelityTests(ITestOutputHelper output)
{
    // Lossy sources: dcmtk decoded them with libjpeg's integer IDCT (and gdcmconv with its OpenJPEG). 12-bit DCT
    // frames go through JpegLibrary, whose IDCT rounding differs by a grey level or two on a few pixels, most at sharp
    // edges; JPEG-LS near-lossless and JPEG 2000 through other decoders. So a lossy frame must agree on average
    // (mean ≤ 1), for 99 % of values within ±1, and never by more than 4.
    private const double LossyMeanLimit = 1.0;
    private const double LossyWithinPercent = 99.0;
    private const int LossyMaxDiff = 4;

    // JPEG baseline (8-bit) is decoded by libjpeg-turbo, the same IJG decoder and colour conversion as dcmtk's: the
    // stored values are dcmtk's exactly (JpegLibrary left up to 3 levels on xc_photo_jpeg_baseline_ybr422_with_icon);
    // only the window's rounding may move a display level by one.
    private const string BaselineSyntax = "1.2.840.10008.1.2.4.50";
    private const int BaselineMaxDiff = 1;

    // YBR_FULL to RGB: we compute the standard's equations (PS3.3 C.7.6.3.1.2) rounded to the nearest level; dcmtk's
    // tables truncate each term (diybrpxt.h), so its colours are up to 2 levels off the exact ones on many pixels of a
    // lossless file. Such a file must agree on average (mean ≤ 1) and never by more than 2.
    private const int ConvertedMaxDiff = 2;

    private static readonly HashSet<string> LossySyntaxes =
    [
        "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.91",
    ];

    [Fact]
    public void Every_rendered_corpus_image_matches_its_reference()
    {
        var table = new StringBuilder();
        table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"file",-52} {"result",-8} {"within±1",9} {"max",4} {"mean",6}  note"));
        var failures = new List<string>();
        var compared = 0;
        foreach (var entry in Corpus.DicomEntries.Where(e => e.HasPixels))
        {
            var reference = ReferenceFor(entry);
            if (reference is null)
            {
                continue;
            }

            var lossy = LossySyntaxes.Contains(entry.TransferSyntax);
            var converted = !lossy && entry.Photometric.StartsWith("YBR_FULL", StringComparison.Ordinal);
            var (result, within, max, mean, note) = Compare(entry, reference, lossy, converted);
            compared++;
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{entry.Name,-52} {result,-8} {within,8:F3}% {max,4} {mean,6:F3}  {note}"));
            if (result != "pass")
            {
                failures.Add($"{entry.Name}: {note} (within±1 {within:F3}%, max {max}, mean {mean:F3})");
            }
        }

        output.WriteLine(table.ToString());
        Assert.True(compared >= 40, $"only {compared} references compared");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string? ReferenceFor(ManifestEntry entry)
    {
        var png = Path.Combine(Corpus.Reference, entry.Name + ".png");
        if (entry.Rendered && File.Exists(png))
        {
            return png;
        }

        var gdcm = Path.Combine(Corpus.Reference, entry.Name + ".via_gdcmconv_raw.png");
        return File.Exists(gdcm) ? gdcm : null;
    }

    internal static VoiChoice RuleOf(string options) =>
        options.Contains("+Wi 1", StringComparison.Ordinal) ? VoiChoice.FirstWindow
        : options.Contains("+Wl 1", StringComparison.Ordinal) ? VoiChoice.FirstVoiLut
        : options.Contains("+Wm", StringComparison.Ordinal) ? VoiChoice.MinMax
        : VoiChoice.Default;

    private static (string Result, double Within, int Max, double Mean, string Note) Compare(ManifestEntry entry, string referencePath, bool lossy, bool converted)
    {
        RenderedImage ours;
        try
        {
            var image = DicomImage.Create(DicomFile.Open(Corpus.File(entry.Name)));
            ours = image.Render(0, RuleOf(entry.Options));
        }
        catch (Exception ex) when (ex is DicomReadException or DicomImageException)
        {
            return ("error", 0, 255, 255, ex.Message);
        }

        var theirs = LoadReference(referencePath, ours.Channels);
        if (theirs.Width != ours.Width || theirs.Height != ours.Height)
        {
            return ("size", 0, 255, 255, $"ours {ours.Width}×{ours.Height}, reference {theirs.Width}×{theirs.Height}");
        }

        long within = 0, sum = 0;
        var max = 0;
        for (var i = 0; i < ours.Pixels.Length; i++)
        {
            var d = Math.Abs(ours.Pixels[i] - theirs.Pixels[i]);
            within += d <= 1 ? 1 : 0;
            sum += d;
            max = Math.Max(max, d);
        }

        var percent = 100.0 * within / ours.Pixels.Length;
        var mean = (double)sum / ours.Pixels.Length;
        var kind = Path.GetFileName(referencePath).Contains("gdcmconv", StringComparison.Ordinal) ? "vs gdcmconv" : "vs dcmtk";
        var ok = entry.TransferSyntax == BaselineSyntax ? max <= BaselineMaxDiff
            : lossy ? mean <= LossyMeanLimit && percent >= LossyWithinPercent && max <= LossyMaxDiff
            : converted ? mean <= LossyMeanLimit && max <= ConvertedMaxDiff
            : percent >= 99.9 && max <= 2;
        return (ok ? "pass" : "FAIL", percent, max, mean, (lossy ? "lossy " : converted ? "YBR→RGB exact " : "lossless ") + kind);
    }

    internal static RenderedImage LoadReference(string path, int channels)
    {
        if (channels == 1)
        {
            using var grey = Image.Load<L8>(path);
            var pixels = new byte[grey.Width * grey.Height];
            grey.CopyPixelDataTo(pixels);
            return new RenderedImage(grey.Width, grey.Height, 1, pixels);
        }

        using var rgb = Image.Load<Rgb24>(path);
        var bytes = new byte[rgb.Width * rgb.Height * 3];
        rgb.CopyPixelDataTo(bytes);
        return new RenderedImage(rgb.Width, rgb.Height, 3, bytes);
    }
}
