using HapModular.Viewers.Dicom.DicomWeb;

namespace HapModular.Viewers.Dicom.Tests;

public sealed class RenderWarmUpTests
{
    /// <summary>
    /// The start-up warm-up only helps if its synthetic CT really goes down every DICOMweb path (a file the reader or the
    /// renderer refused would warm nothing and say nothing: the warm-up swallows failures by design).
    /// </summary>
    [Fact]
    public async Task The_start_up_warm_up_goes_down_every_DICOMweb_image_path()
    {
        var results = await RenderWarmUp.RunAsync(new DicomViewer());

        Assert.Collection(
            results,
            r => Assert.Equal("image/png", Assert.IsType<RenderResult.BinaryContent>(r).MediaType),
            r => Assert.Equal("image/jpeg", Assert.IsType<RenderResult.BinaryContent>(r).MediaType),
            r => Assert.Equal("image/png", Assert.IsType<RenderResult.BinaryContent>(r).MediaType),
            r => Assert.StartsWith("application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1", Assert.IsType<RenderResult.BinaryContent>(r).MediaType, StringComparison.Ordinal),
            r => Assert.Contains("\"00080060\"", Assert.IsType<RenderResult.JsonContent>(r).Value, StringComparison.Ordinal));
        var frame = Assert.IsType<RenderResult.BinaryContent>(results[3]);
        Assert.Equal(64 * 64 * 2, frame.Content.Length);
    }
}
