using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace HapModular.Viewers.Testing;

/// <summary>
/// The behaviour every viewer owes the host. A plugin's test project derives one class per viewer from this,
/// supplies the viewer and a few real samples, and inherits the tests.
/// </summary>
public abstract partial class ViewerConformanceTests
{
    /// <summary>The viewer under test.</summary>
    protected abstract IViewer Viewer { get; }

    /// <summary>Real documents this viewer must show (at least one), e.g. files from the shared corpus.</summary>
    protected abstract IEnumerable<ViewerContent> Samples();

    /// <summary>
    /// Intact documents this viewer recognises but cannot display on this server (ABI 1.1), e.g. HEIC without a
    /// decoder. None by default.
    /// </summary>
    /// <returns>The samples.</returns>
    protected virtual IEnumerable<ViewerContent> NotDisplayableSamples() => [];

    /// <summary>Metadata of documents the viewer must not claim. The defaults suit most viewers.</summary>
    protected virtual IEnumerable<DocumentMetadata> UnrelatedMetadata()
    {
        yield return new DocumentMetadata("application/x-hapmodular-unrelated");
        yield return new DocumentMetadata("video/mp4", "movie.mp4");
        yield return new DocumentMetadata("application/zip", "archive.zip");
    }

    /// <summary>The media type used to hand garbage bytes to the viewer (the first declared one by default).</summary>
    protected virtual DocumentMetadata GarbageMetadata =>
        new(Viewer.Descriptor.MediaTypes.FirstOrDefault() ?? "application/octet-stream", "garbage.bin", Viewer.Descriptor.SopClassUids.FirstOrDefault());

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-BE");

    [Fact]
    public void Descriptor_is_complete()
    {
        var d = Viewer.Descriptor;
        Assert.False(string.IsNullOrWhiteSpace(d.Id));
        Assert.False(string.IsNullOrWhiteSpace(d.DisplayName));
        Assert.True(d.MediaTypes.Count + d.SopClassUids.Count > 0, "a viewer declares at least one media type or SOP class");
    }

    [Fact]
    public void Unrelated_types_do_not_match()
    {
        foreach (var m in UnrelatedMetadata())
        {
            Assert.Equal(MatchScore.None, Viewer.Match(m));
        }
    }

    /// <summary>A kit with no samples would prove nothing: every other test would pass vacuously.</summary>
    [Fact]
    public void The_viewer_is_proven_on_real_samples()
    {
        Assert.True(Samples().Any(), "a plugin's conformance class must supply at least one real sample (Samples())");
    }

    [Fact]
    public void Samples_match()
    {
        foreach (var s in Samples())
        {
            Assert.True(Viewer.Match(s.Metadata) > MatchScore.None, $"sample {s.Metadata.FileName} should match");
        }
    }

    [Fact]
    public async Task Garbage_bytes_give_cannot_display_not_an_exception()
    {
        var random = new Random(20070601);
        foreach (var length in new[] { 0, 1, 7, 132, 4096 })
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            var content = new ViewerContent(GarbageMetadata, bytes);
            var rendered = await Viewer.RenderAsync(content, RenderRequest.ForView(French), CancellationToken.None);
            Assert.True(
                rendered is RenderResult.CannotDisplayResult || IsHarmlessView(rendered),
                $"garbage of {length} bytes gave {rendered.GetType().Name}");
            var inspected = await Viewer.InspectAsync(content, CancellationToken.None);
            Assert.NotNull(inspected);
        }
    }

    /// <summary>
    /// Some formats accept any bytes (plain text shows garbage as text). Such viewers override this to accept
    /// an escaped HTML view of garbage; the default demands "cannot display".
    /// </summary>
    /// <param name="result">What the viewer returned for garbage.</param>
    /// <returns>Whether that result is acceptable.</returns>
    protected virtual bool IsHarmlessView(RenderResult result) => false;

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        foreach (var s in Samples())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
                await Viewer.RenderAsync(s, RenderRequest.ForView(French), cts.Token));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
                await Viewer.InspectAsync(s, cts.Token));
        }
    }

    [Fact]
    public async Task Html_output_has_no_script()
    {
        foreach (var s in Samples())
        {
            var rendered = await Viewer.RenderAsync(s, RenderRequest.ForView(French), CancellationToken.None);
            if (rendered is RenderResult.HtmlFragment html)
            {
                Assert.DoesNotMatch(ScriptPattern(), html.Value);
            }
        }
    }

    [Fact]
    public async Task Output_is_deterministic()
    {
        foreach (var s in Samples())
        {
            var first = Describe(await Viewer.RenderAsync(s, RenderRequest.ForView(French), CancellationToken.None));
            var second = Describe(await Viewer.RenderAsync(s, RenderRequest.ForView(French), CancellationToken.None));
            Assert.Equal(first, second);
        }
    }

    [Fact]
    public async Task Samples_render_and_inspect()
    {
        foreach (var s in Samples())
        {
            var rendered = await Viewer.RenderAsync(s, RenderRequest.ForView(French), CancellationToken.None);
            Assert.False(rendered is RenderResult.CannotDisplayResult, $"{s.Metadata.FileName}: {(rendered as RenderResult.CannotDisplayResult)?.Reason}");
            var inspected = await Viewer.InspectAsync(s, CancellationToken.None);
            Assert.True(inspected.Succeeded, $"{s.Metadata.FileName}: {inspected.FailureReason}");
            Assert.True(inspected.Displayable, $"{s.Metadata.FileName}: {inspected.DisplayReason}");
        }
    }

    [Fact]
    public async Task Intact_but_not_displayable_samples_are_kept_with_a_reason_and_render_a_cannot_display_card()
    {
        foreach (var s in NotDisplayableSamples())
        {
            Assert.True(Viewer.Match(s.Metadata) > MatchScore.None, $"sample {s.Metadata.FileName} should match");
            var inspected = await Viewer.InspectAsync(s, CancellationToken.None);
            // Succeeded: the host stores it; not displayable: the page shows the download card with the reason.
            Assert.True(inspected.Succeeded, $"{s.Metadata.FileName}: {inspected.FailureReason}");
            Assert.False(inspected.Displayable, $"{s.Metadata.FileName} claims to be displayable");
            Assert.False(string.IsNullOrWhiteSpace(inspected.DisplayReason), $"{s.Metadata.FileName}: no reason");
            var rendered = await Viewer.RenderAsync(s, RenderRequest.ForView(French), CancellationToken.None);
            var cannot = Assert.IsType<RenderResult.CannotDisplayResult>(rendered);
            Assert.False(string.IsNullOrWhiteSpace(cannot.Reason), $"{s.Metadata.FileName}: no reason");
        }
    }

    private static string Describe(RenderResult r) => r switch
    {
        RenderResult.HtmlFragment h => "html:" + h.Value,
        RenderResult.BinaryContent b => "bin:" + b.MediaType + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(b.Content)),
        RenderResult.JsonContent j => "json:" + j.Value,
        RenderResult.CannotDisplayResult c => "cannot:" + c.Reason,
        RenderResult.HandOffResult h => "handoff:" + h.Content.Metadata.MediaType + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(h.Content.Data.Span)),
        _ => r.GetType().Name,
    };

    // Script elements, inline event handlers and javascript: URLs are all ways to run code.
    [GeneratedRegex(@"<\s*script|\son[a-z]+\s*=|javascript\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptPattern();
}
