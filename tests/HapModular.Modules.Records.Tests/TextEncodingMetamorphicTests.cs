using System.Globalization;
using System.Text;
using HapModular.Modules.Records.Ingestion;
using HapModular.Modules.Shared;
using HapModular.Testing;
using HapModular.Viewers;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// Metamorphic (issue 11): the same HL7 v2 message with CR, LF or CRLF segment ends, with or without a BOM, and the same
/// XML document (CDA, aECG) with or without a declaration, BOM, leading comment (holding '&lt;') or processing
/// instruction must be recognised as the same media type, filed under the same kind, inspected to the same facts and
/// rendered to the same HTML — through the record's own detection and the real plugins. Prints one line per variant.
/// </summary>
public sealed class TextEncodingMetamorphicTests(HapAppFactory factory, ITestOutputHelper output) : IClassFixture<HapAppFactory>
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static TheoryData<string> Hl7Files() => new(Directory.EnumerateFiles(Corpus.File("documents/hl7v2"), "*.hl7").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    public static TheoryData<string> XmlFiles() => new(
        Directory.EnumerateFiles(Corpus.File("documents/cda"), "*.xml").Concat(Directory.EnumerateFiles(Corpus.File("documents/aecg"), "*.xml"))
            .Select(f => Path.GetRelativePath(Corpus.Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Hl7Files))]
    public async Task An_hl7_message_reads_the_same_with_any_segment_end_and_with_or_without_a_bom(string name)
    {
        var original = File.ReadAllBytes(Corpus.File("documents/hl7v2/" + name));
        var text = Encoding.Latin1.GetString(original);
        var segments = text.Split(["\r\n", "\r", "\n"], StringSplitOptions.RemoveEmptyEntries);
        var variants = new List<(string, byte[])>();
        foreach (var (endName, end) in new[] { ("CR", "\r"), ("LF", "\n"), ("CRLF", "\r\n") })
        {
            var body = Encoding.Latin1.GetBytes(string.Join(end, segments) + end);
            variants.Add((endName, body));
            variants.Add((endName + "+BOM", [.. Bom, .. body]));
        }

        await AssertSameAsync(name, original, variants);
    }

    [Theory]
    [MemberData(nameof(XmlFiles))]
    public async Task An_xml_document_reads_the_same_whatever_its_prologue(string relative)
    {
        var original = File.ReadAllBytes(Corpus.File(relative));
        var text = Encoding.UTF8.GetString(original).TrimStart('\uFEFF');
        var bare = text.StartsWith("<?xml ", StringComparison.Ordinal) ? text[(text.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : text;
        const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        const string Comment = "<!-- exported by <ECG-Cart 3000> v2 (see <http://example.org/export>); a < b -->\n";
        const string Instruction = "<?xml-stylesheet type=\"text/xsl\" href=\"render.xsl\"?>\n";
        var variants = new List<(string, byte[])>
        {
            ("no declaration", Utf8(bare)),
            ("declaration", Utf8(Declaration + bare)),
            ("BOM+declaration", [.. Bom, .. Utf8(Declaration + bare)]),
            ("BOM, no declaration", [.. Bom, .. Utf8(bare)]),
            ("comment with <", Utf8(Comment + bare)),
            ("declaration+comment with <", Utf8(Declaration + Comment + bare)),
            ("processing instruction", Utf8(Declaration + Instruction + bare)),
            ("BOM+PI+comment", [.. Bom, .. Utf8(Declaration + Instruction + Comment + bare)]),
        };
        await AssertSameAsync(relative, original, variants);
    }

    private async Task AssertSameAsync(string name, byte[] original, List<(string Name, byte[] Bytes)> variants)
    {
        var expected = await FactsAsync(original, name);
        output.WriteLine($"{name}\toriginal\t{expected.MediaType}\t{expected.Kind}");
        foreach (var (variant, bytes) in variants)
        {
            var actual = await FactsAsync(bytes, name);
            var same = actual == expected;
            output.WriteLine($"{name}\t{variant}\t{(same ? "same" : "DIFFERENT: " + actual.MediaType + " " + actual.Kind)}");
            Assert.Equal(expected with { Html = null }, actual with { Html = null });
            Assert.True(expected.Html == actual.Html, $"{name} ({variant}): another rendering");
        }
    }

    private sealed record Facts(string MediaType, string Kind, bool? Succeeded, string? Title, DateTimeOffset? Date, FileIdentity? Identity, string? Html);

    private async Task<Facts> FactsAsync(byte[] bytes, string fileName)
    {
        var inspected = await factory.Services.GetRequiredService<DocumentInspector>().InspectAsync(bytes, Path.GetFileName(fileName), null, default);
        var i = inspected.Inspection;
        string? html = null;
        if (i?.Succeeded == true && factory.Services.GetRequiredService<IViewerCatalog>().FindViewer(new DocumentMetadata(inspected.MediaType, Path.GetFileName(fileName))) is { } viewer)
        {
            var rendered = await viewer.RenderAsync(new ViewerContent(new DocumentMetadata(inspected.MediaType, Path.GetFileName(fileName)), bytes), RenderRequest.ForView(CultureInfo.GetCultureInfo("fr-BE")), default);
            html = rendered is RenderResult.HtmlFragment h ? h.Value : rendered.ToString();
        }

        return new Facts(inspected.MediaType, inspected.Kind, i?.Succeeded, i?.Title, i?.ClinicalDate, inspected.Identity, html);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
