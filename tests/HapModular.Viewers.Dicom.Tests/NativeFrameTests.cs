namespace HapModular.Viewers.Dicom.Tests;

/// <summary>WADO-RS frame retrieval (PS3.18 frames resource) of native pixel data: the frame's bytes as stored.</summary>
public sealed class NativeFrameTests
{
    private static readonly IViewer Viewer = new DicomViewersPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>()))[0];

    [Theory]
    [InlineData("original")]
    [InlineData("native")]
    public async Task An_uncompressed_ybr_full_422_frame_is_its_two_bytes_a_pixel_as_stored(string syntax)
    {
        // 100×100 YBR_FULL_422, Explicit VR LE: Y1 Y2 Cb Cr for each pair of pixels, 20,000 bytes for the one frame (it
        // was refused as "truncated" because the frame was counted at three bytes a pixel, so the workspace showed nothing).
        var request = new RenderRequest("dicomweb-frame", new Dictionary<string, string> { ["frame"] = "1", ["syntax"] = syntax }, new System.Globalization.CultureInfo("fr"), "./", "./original");
        var result = Assert.IsType<RenderResult.BinaryContent>(await Viewer.RenderAsync(Corpus.Load("sc_ybr_full_422_uncompressed"), request, CancellationToken.None));
        Assert.Equal(100 * 100 * 2, result.Content.Length);
        Assert.Equal("application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1", result.MediaType);
        var file = await File.ReadAllBytesAsync(Corpus.Dicom("sc_ybr_full_422_uncompressed"));
        Assert.Equal(file[^result.Content.Length..], result.Content);
    }
}
