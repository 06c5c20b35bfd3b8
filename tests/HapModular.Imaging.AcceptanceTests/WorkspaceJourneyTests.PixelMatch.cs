using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HapModular.Imaging.AcceptanceTests;

/// <summary>
/// The fidelity invariant: what the workspace draws in Chromium (Cornerstone3D, frames decoded in the browser) is what
/// the portal's own verified pipeline renders (<c>…/rendered</c>) for the same window, at one canvas pixel per image
/// pixel, within ±1 per channel — for one corpus file of each transfer syntax and photometric interpretation the
/// browser decodes (uncompressed LE/BE, deflated, RLE, JPEG lossless, JPEG baseline YBR_FULL, JPEG-LS lossless and
/// near-lossless, JPEG 2000 lossless and lossy, JPEG baseline YBR_FULL_422 (both sides through libjpeg-turbo); MONOCHROME1/2, RGB, YBR_FULL, YBR_FULL_422, PALETTE COLOR), and JPEG
/// Extended 12-bit, which the workspace has the portal decode (Cornerstone's decoder is 15 stored values off).
/// </summary>
public sealed partial class WorkspaceJourneyTests
{
    // One file per transfer syntax and photometric interpretation of the corpus, each with its own SOP Instance UID (the
    // corpus' MR in explicit BE, RLE and J2K lossless is one instance re-encoded: the JPEG-LS copy stands for them here).
    public static readonly string[] PixelMatchFiles =
    [
        "dicom/ct_explicit_le_16bit_signed_small.dcm",
        "dicom/cr_monochrome1_acrnema_no_meta_no_preamble.dcm",
        "dicom/mr_jpegls_lossless_16bit_signed.dcm",
        "dicom/us_rgb_planar0.dcm",
        "dicom/us_rgb_explicit_be_planar1.dcm",
        "dicom/nm_jpeg_lossless_sv1_16bit_signed.dcm",
        "dicom/sc_jpeg_baseline_ybr_full.dcm",
        "dicom/xc_photo_jpeg_baseline_ybr422_with_icon.dcm",
        "dicom/cr_j2k_lossy_monochrome1.dcm",
        "dicom/us_j2k_lossless_ybr_rct.dcm",
        "dicom/ct_jpegls_near_lossless.dcm",
        "dicom/sc_deflated_explicit_le_8bit.dcm",
        "dicom/sc_ybr_full_422_uncompressed.dcm",
        "dicom/us_palette_color_8bit.dcm",
        "dicom/us_ybr_full_rle_planar1.dcm",
        "dicom/nm_jpeg_extended_12bit.dcm",
    ];

    public static TheoryData<string> PixelMatchCases => [.. PixelMatchFiles];

    [Theory]
    [MemberData(nameof(PixelMatchCases))]
    public async Task The_canvas_the_workspace_draws_is_the_portals_rendered_frame_within_one_grey_level(string file)
    {
        var study = portal.Pixels[file];
        var sop = study.Files.Keys.Single();
        var page = await SignedInAsync();
        await page.GotoAsync($"/patients/{portal.Host.Marie}/imaging?study={study.StudyUid}&series={study.SeriesUid}");
        await ReadyAsync(page);
        // The instance under test, not the series' first: nm_jpeg_extended_12bit shares its series with the lossless
        // NM (the NEMA set's two encodings), which comes first by instance number.
        await page.EvaluateAsync(
            "async (sop) => { const v = window.hapImaging.state.viewports[0].viewport; const i = v.getImageIds().findIndex((id) => id.includes(`/instances/${sop}/`)); if (i < 0) throw new Error('not in the series: ' + sop); await v.setImageIdIndex(i); }",
            sop);
        var size = await page.EvaluateAsync<int[]>("() => window.hapImaging.nativeSize(0)");

        // The same window on both sides: the viewport's own (from the file), rounded, set as the user would set a preset.
        var colour = file.Contains("rgb", StringComparison.Ordinal);
        // PNG by name: the default (no Accept, a wildcard) is lossy JPEG (PS3.18 Table 8.7.4-1).
        var query = "?accept=image/png";
        if (!colour)
        {
            var window = await page.EvaluateAsync<double[]>("() => window.hapImaging.window(0)");
            var (center, width) = (Math.Round(window[0]), Math.Max(2, Math.Round(window[1])));
            await page.EvaluateAsync("([c, w]) => window.hapImaging.api.preset(c, w)", new[] { center, width });
            await page.EvaluateAsync("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
            query += string.Create(CultureInfo.InvariantCulture, $"&window={center},{width}");
        }

        var dataUrl = await page.EvaluateAsync<string>("() => window.hapImaging.canvas(0)");
        var browser = Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',', StringComparison.Ordinal) + 1)..]);
        var response = await page.Context.APIRequest.GetAsync($"/dicomweb/studies/{study.StudyUid}/series/{study.SeriesUid}/instances/{sop}/rendered{query}");
        Assert.Equal(200, response.Status);
        var server = await response.BodyAsync();
        var name = "imaging-pixels-" + Path.GetFileNameWithoutExtension(file);
        await File.WriteAllBytesAsync(Path.Combine(Testing.Browser.ScreenshotDirectory, name + "-browser.png"), browser);
        await File.WriteAllBytesAsync(Path.Combine(Testing.Browser.ScreenshotDirectory, name + "-server.png"), server);

        using var drawn = Image.Load<Rgb24>(browser);
        using var rendered = Image.Load<Rgb24>(server);
        Assert.Equal((size[0], size[1]), (rendered.Width, rendered.Height));
        Assert.Equal((rendered.Width, rendered.Height), (drawn.Width, drawn.Height));
        var (off, max, first) = Compare(drawn, rendered);
        Assert.True(off == 0, $"{file} {query}: {off} of {rendered.Width * rendered.Height} pixels differ by more than 1 (at most {max}; first at {first}); see {name}-*.png");
    }

    private static (int Off, int Max, string First) Compare(Image<Rgb24> a, Image<Rgb24> b)
    {
        var (off, max, first) = (0, 0, string.Empty);
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                var (p, q) = (a[x, y], b[x, y]);
                var d = Math.Max(Math.Abs(p.R - q.R), Math.Max(Math.Abs(p.G - q.G), Math.Abs(p.B - q.B)));
                max = Math.Max(max, d);
                if (d > 1)
                {
                    off++;
                    first = first.Length == 0 ? $"({x},{y}) browser {p} server {q}" : first;
                }
            }
        }

        return (off, max, first);
    }
}
