using System.Globalization;
using System.Text;

namespace HapModular.Viewers.DeviceReports.Tests;

internal static class Devices
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-BE");

    public static IReadOnlyList<IViewer> Viewers { get; } = new DeviceReportsPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>()));

    public static IViewer Ecg => Viewers[0];

    public static IViewer Spirometry => Viewers[1];

    public static ViewerContent Doc(string relative, string mediaType) =>
        new(new DocumentMetadata(mediaType, Path.GetFileName(relative), Kind: "device-report"), File.ReadAllBytes(Corpus.Document(relative)));

    public static ViewerContent Aecg(string name) => Doc("aecg/" + name, "application/hl7-aecg+xml");

    public static ViewerContent Contec() => Doc("device/contec_ecg90a_export.ECG", "application/octet-stream");

    public static RenderRequest Request(string target, string? culture = null) =>
        new(target, new Dictionary<string, string>(), culture is null ? French : CultureInfo.GetCultureInfo(culture), "/doc/3/", "/doc/3/original");

    public static async Task<string> Html(IViewer viewer, ViewerContent content) =>
        Assert.IsType<RenderResult.HtmlFragment>(await viewer.RenderAsync(content, Request("view"), CancellationToken.None)).Value;

    public static async Task<string> Svg(IViewer viewer, ViewerContent content, string target = "svg", params (string Name, string Value)[] parameters)
    {
        var request = Request(target) with { Parameters = parameters.ToDictionary(p => p.Name, p => p.Value) };
        var bin = Assert.IsType<RenderResult.BinaryContent>(await viewer.RenderAsync(content, request, CancellationToken.None));
        Assert.Equal("image/svg+xml", bin.MediaType);
        return Encoding.UTF8.GetString(bin.Content);
    }
}
