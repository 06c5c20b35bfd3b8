using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace HapModular.Viewers.Photos.Tests;

public sealed class PhotoViewerTests
{
    public static TheoryData<string> OrientationFiles() =>
        ["exif_orientation_0_invalid.jpg", "exif_orientation_1.jpg", "exif_orientation_2.jpg", "exif_orientation_3.jpg", "exif_orientation_4.jpg",
         "exif_orientation_5.jpg", "exif_orientation_6.jpg", "exif_orientation_7.jpg", "exif_orientation_8.jpg"];

    [Theory]
    [MemberData(nameof(OrientationFiles))]
    public async Task Served_image_is_upright_like_orientation_1(string name)
    {
        using var reference = Image.Load<L8>(Corpus.Read("exif_orientation_1.jpg"));
        var result = await Photos.Render(Photos.Content(name, "image/jpeg"), "image");
        var served = Assert.IsType<RenderResult.BinaryContent>(result);
        Assert.Equal("image/jpeg", served.MediaType);
        using var upright = Image.Load<L8>(served.Content);

        Assert.Equal((1200, 1800), (upright.Width, upright.Height));
        var same = Difference(reference, upright);
        using var turned = upright.Clone(x => x.Rotate(RotateMode.Rotate180));
        using var mirrored = upright.Clone(x => x.Flip(FlipMode.Horizontal));
        // The digit must match orientation 1 far better than a rotated or mirrored copy of itself would.
        Assert.True(same < 12, $"{name}: mean difference {same:F1} to orientation 1");
        Assert.True(Difference(reference, turned) > 2 * same + 10, $"{name}: a 180° turn is as close as the served image");
        Assert.True(Difference(reference, mirrored) > 2 * same + 10, $"{name}: a mirror image is as close as the served image");
    }

    [Fact]
    public async Task Served_bytes_carry_no_exif_gps_xmp_or_icc()
    {
        var tagged = WithPrivateMetadata(Corpus.Read("exif_orientation_6.jpg"));
        using (var check = Image.Load(tagged))
        {
            Assert.NotNull(check.Metadata.ExifProfile?.GetValue(ExifTag.GPSLatitude));
        }

        foreach (var target in new[] { "image", "thumbnail" })
        {
            var served = Assert.IsType<RenderResult.BinaryContent>(await Photos.Render(new ViewerContent(new DocumentMetadata("image/jpeg"), tagged), target));
            using var output = Image.Load(served.Content);
            Assert.Null(output.Metadata.ExifProfile);
            Assert.Null(output.Metadata.XmpProfile);
            Assert.Null(output.Metadata.IccProfile);
            Assert.Null(output.Metadata.IptcProfile);
            var latin = Encoding.Latin1.GetString(served.Content);
            Assert.DoesNotContain("Exif\0\0", latin, StringComparison.Ordinal);
            Assert.DoesNotContain("SN-4711", latin, StringComparison.Ordinal);
            Assert.DoesNotContain("ns.adobe.com", latin, StringComparison.Ordinal);
        }

        var inspected = await Photos.Viewer.InspectAsync(new ViewerContent(new DocumentMetadata("image/jpeg"), tagged), CancellationToken.None);
        Assert.DoesNotContain("SN-4711", Encoding.Latin1.GetString(inspected.Thumbnail!), StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2024, 3, 12, 14, 22, 5, TimeSpan.FromHours(1)), inspected.ClinicalDate);
    }

    /// <summary>Issue 11: a GPS position is neither silently dropped nor silently shown: the page says it and where.</summary>
    [Fact]
    public async Task A_photo_with_a_gps_position_says_so_on_its_page_with_the_position()
    {
        var tagged = new ViewerContent(new DocumentMetadata("image/jpeg"), WithPrivateMetadata(Corpus.Read("exif_orientation_6.jpg")));
        var html = Assert.IsType<RenderResult.HtmlFragment>(await Photos.Render(tagged, "view")).Value;
        Assert.Contains("class=\"hap-photo-location\"", html, StringComparison.Ordinal);
        Assert.Contains("Position GPS", html, StringComparison.Ordinal);
        Assert.Contains("50.83333° N", html, StringComparison.Ordinal);
        Assert.Contains("4.35000° E", html, StringComparison.Ordinal);
        var inspected = await Photos.Viewer.InspectAsync(tagged, CancellationToken.None);
        Assert.Contains(inspected.Warnings, w => w.Contains("GPS", StringComparison.Ordinal));

        var plain = Assert.IsType<RenderResult.HtmlFragment>(await Photos.Render(Photos.Content("jpeg_baseline_hopper.jpg", "image/jpeg"), "view")).Value;
        Assert.DoesNotContain("hap-photo-location", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("16384")]
    [InlineData("0")]
    [InlineData(null)]
    public async Task No_request_makes_the_server_encode_more_than_4096_pixels_on_the_longer_side(string? max)
    {
        // Finding (issue 13): four parallel renders at max=16384 of a huge photo took 20–26 s and 2.4 GB.
        using var large = new Image<SixLabors.ImageSharp.PixelFormats.L8>(5000, 3000);
        using var png = new MemoryStream();
        large.SaveAsPng(png);
        var content = new ViewerContent(new DocumentMetadata("image/png", "large.png", Kind: "photo"), png.ToArray());

        var parameters = max is null ? Array.Empty<(string, string)>() : [("max", max)];
        var served = Assert.IsType<RenderResult.BinaryContent>(await Photos.Render(content, "image", parameters));

        using var img = Image.Load(served.Content);
        Assert.Equal((4096, 2458), (img.Width, img.Height));
    }

    [Fact]
    public async Task Max_parameter_caps_the_longer_side()
    {
        var served = Assert.IsType<RenderResult.BinaryContent>(await Photos.Render(Photos.Content("exif_orientation_8.jpg", "image/jpeg"), "image", ("max", "300")));
        using var img = Image.Load(served.Content);
        Assert.Equal((200, 300), (img.Width, img.Height));
    }

    [Theory]
    [InlineData("jpeg_truncated_progressive.jpg", "image/jpeg")]
    [InlineData("heic_truncated.heic", "image/heic")]
    public async Task Truncated_photos_fail_inspection_with_a_clear_reason(string name, string mediaType)
    {
        var content = Photos.Content(name, mediaType);
        Assert.Equal(MatchScore.MediaType, Photos.Viewer.Match(content.Metadata));
        var result = Assert.IsType<RenderResult.CannotDisplayResult>(await Photos.Render(content, "view"));
        Assert.Contains("truncated", result.Reason, StringComparison.Ordinal);
        Assert.IsType<RenderResult.CannotDisplayResult>(await Photos.Render(content, "image"));
        var inspected = await Photos.Viewer.InspectAsync(content, CancellationToken.None);
        Assert.False(inspected.Succeeded);
        Assert.Contains("truncated", inspected.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("heic_photo_pug.heic", "image/heic")]
    [InlineData("heif_rgb_8bit_128.heif", "image/heif")]
    public async Task Intact_heic_is_kept_as_not_displayable_and_the_card_says_to_download_it(string name, string mediaType)
    {
        var content = Photos.Content(name, mediaType);
        var inspected = await Photos.Viewer.InspectAsync(content, CancellationToken.None);
        Assert.True(inspected.Succeeded, inspected.FailureReason);
        Assert.False(inspected.Displayable);
        Assert.Contains("HEIC", inspected.DisplayReason, StringComparison.Ordinal);
        Assert.Null(inspected.Thumbnail);
        var french = Assert.IsType<RenderResult.CannotDisplayResult>(await Photos.Render(content, "view"));
        Assert.Contains("téléchargez l'original", french.Reason, StringComparison.Ordinal);
        var english = await Photos.Viewer.RenderAsync(content, new RenderRequest("view", new Dictionary<string, string>(), System.Globalization.CultureInfo.GetCultureInfo("en"), "/doc/1/", "/doc/1/original"), CancellationToken.None);
        Assert.Contains("download the original", Assert.IsType<RenderResult.CannotDisplayResult>(english).Reason, StringComparison.Ordinal);
        Assert.IsType<RenderResult.CannotDisplayResult>(await Photos.Render(content, "image"));
    }

    [Theory]
    [InlineData("jpeg_baseline_hopper.jpg", "image/jpeg")]
    [InlineData("jpeg_progressive.jpg", "image/jpeg")]
    [InlineData("jpeg_cmyk_adobe.jpg", "image/jpeg")]
    [InlineData("png_rgb_hopper.png", "image/png")]
    public async Task Thumbnails_fit_256_pixels(string name, string mediaType)
    {
        var inspected = await Photos.Viewer.InspectAsync(Photos.Content(name, mediaType), CancellationToken.None);
        Assert.True(inspected.Succeeded, inspected.FailureReason);
        using var thumb = Image.Load(inspected.Thumbnail!);
        Assert.True(Math.Max(thumb.Width, thumb.Height) <= 256);
        Assert.Equal(mediaType == "image/png" ? "image/png" : "image/jpeg", inspected.ThumbnailMediaType);
    }

    [Fact]
    public async Task Cmyk_jpeg_decodes_to_colour_and_keeps_its_capture_date()
    {
        var content = Photos.Content("jpeg_cmyk_adobe.jpg", "image/jpeg");
        var served = Assert.IsType<RenderResult.BinaryContent>(await Photos.Render(content, "image"));
        using var img = Image.Load<Rgb24>(served.Content);
        var inspected = await Photos.Viewer.InspectAsync(content, CancellationToken.None);
        Assert.Equal(new DateTime(2009, 3, 6, 22, 15, 0), inspected.ClinicalDate?.DateTime);
        Assert.True(img.Width > 0 && img.Height > 0);
    }

    [Fact]
    public async Task View_references_the_image_target_and_shows_no_metadata_but_the_date()
    {
        var html = Assert.IsType<RenderResult.HtmlFragment>(await Photos.Render(Photos.Content("jpeg_cmyk_adobe.jpg", "image/jpeg"), "view")).Value;
        Assert.Contains("src=\"/doc/1/image?max=2048\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"hap-photo\"", html, StringComparison.Ordinal);
        Assert.Contains("Prise le", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/doc/1/original", html, StringComparison.Ordinal);
    }

    private static byte[] WithPrivateMetadata(byte[] jpeg)
    {
        using var img = Image.Load(jpeg);
        var exif = img.Metadata.ExifProfile ?? new ExifProfile();
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(50, 1), new Rational(50, 1), new Rational(0, 1)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(4, 1), new Rational(21, 1), new Rational(0, 1)]);
        exif.SetValue(ExifTag.SerialNumber, "SN-4711");
        exif.SetValue(ExifTag.DateTimeOriginal, "2024:03:12 14:22:05");
        img.Metadata.ExifProfile = exif;
        img.Metadata.XmpProfile = new SixLabors.ImageSharp.Metadata.Profiles.Xmp.XmpProfile(Encoding.UTF8.GetBytes(
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreatorTool=\"SN-4711\"/></rdf:RDF></x:xmpmeta>"));
        using var ms = new MemoryStream();
        img.SaveAsJpeg(ms);
        return ms.ToArray();
    }

    // Mean absolute grey difference after shrinking both to 24×36: insensitive to JPEG noise, not to layout.
    private static double Difference(Image<L8> a, Image<L8> b)
    {
        using var sa = a.Clone(x => x.Resize(24, 36));
        using var sb = b.Clone(x => x.Resize(24, 36));
        double sum = 0;
        for (var y = 0; y < 36; y++)
        {
            for (var x = 0; x < 24; x++)
            {
                sum += Math.Abs(sa[x, y].PackedValue - sb[x, y].PackedValue);
            }
        }

        return sum / (24 * 36);
    }
}
