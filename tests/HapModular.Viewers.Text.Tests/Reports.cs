using System.Globalization;

namespace HapModular.Viewers.Text.Tests;

/// <summary>The text plugin's viewers and the host's choice among them, as the host makes it (highest Match wins).</summary>
internal static class Reports
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-BE");

    public static IReadOnlyList<IViewer> Viewers { get; } = new TextViewersPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>()));

    public static IViewer ById(string id) => Viewers.Single(v => v.Descriptor.Id == id);

    // What the host detects from the bytes: CDA and FHIR get their specific media types.
    public static string MediaTypeOf(string path) => Path.GetFileName(Path.GetDirectoryName(path)) switch
    {
        "cda" => "application/hl7-cda+xml",
        "hl7v2" => "application/hl7-v2",
        "fhir" => "application/fhir+json",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    };

    public static ViewerContent Content(string path) =>
        new(new DocumentMetadata(MediaTypeOf(path), Path.GetFileName(path)), File.ReadAllBytes(path));

    public static ViewerContent Doc(string relative) => Content(Corpus.Document(relative));

    public static IViewer Pick(DocumentMetadata metadata) => Viewers.MaxBy(v => v.Match(metadata))!;

    public static RenderRequest Request(string target = "view", params (string, string)[] parameters) =>
        new(target, parameters.ToDictionary(p => p.Item1, p => p.Item2), French, "/doc/7/", "/doc/7/original");

    public static async Task<RenderResult> Render(ViewerContent content, string target = "view", params (string, string)[] parameters) =>
        await Pick(content.Metadata).RenderAsync(content, Request(target, parameters), CancellationToken.None);

    public static async Task<string> View(string relative) =>
        Assert.IsType<RenderResult.HtmlFragment>(await Render(Doc(relative))).Value;
}
