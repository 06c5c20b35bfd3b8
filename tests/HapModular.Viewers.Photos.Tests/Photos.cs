using System.Globalization;

namespace HapModular.Viewers.Photos.Tests;

internal static class Photos
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-BE");

    public static IViewer Viewer { get; } = new PhotosPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>()))[0];

    public static ViewerContent Content(string name, string mediaType) =>
        new(new DocumentMetadata(mediaType, name, Kind: "photo"), Corpus.Read(name));

    public static RenderRequest Request(string target, params (string, string)[] parameters) =>
        new(target, parameters.ToDictionary(p => p.Item1, p => p.Item2), French, "/doc/1/", "/doc/1/original");

    public static async Task<RenderResult> Render(ViewerContent content, string target, params (string, string)[] parameters) =>
        await Viewer.RenderAsync(content, Request(target, parameters), CancellationToken.None);
}
