using HapModular.Viewers.Testing;

namespace HapModular.Viewers.Photos.Tests;

public sealed class PhotoViewerConformance : ViewerConformanceTests
{
    protected override IViewer Viewer { get; } = new PhotosPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>()))[0];

    protected override IEnumerable<ViewerContent> Samples()
    {
        yield return Photos.Content("jpeg_baseline_hopper.jpg", "image/jpeg");
        yield return Photos.Content("jpeg_progressive.jpg", "image/jpeg");
        yield return Photos.Content("jpeg_cmyk_adobe.jpg", "image/jpeg");
        yield return Photos.Content("png_rgb_hopper.png", "image/png");
        yield return Photos.Content("exif_orientation_6.jpg", "image/jpeg");
    }

    protected override IEnumerable<ViewerContent> NotDisplayableSamples()
    {
        yield return Photos.Content("heic_photo_pug.heic", "image/heic");
        yield return Photos.Content("heif_rgb_8bit_128.heif", "image/heif");
    }
}
