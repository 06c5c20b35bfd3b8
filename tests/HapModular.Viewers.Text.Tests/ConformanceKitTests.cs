using HapModular.Viewers.Testing;
using Xunit.Sdk;

namespace HapModular.Viewers.Text.Tests;

/// <summary>
/// Finding (issue 13): a plugin's conformance tests passed with no samples at all. The kit itself now fails such a
/// plugin. (The empty kit below is private, so xUnit does not run it as a test class of its own.)
/// </summary>
public sealed class ConformanceKitTests
{
    [Fact]
    public void A_plugin_without_samples_fails_the_conformance_kit()
    {
        var kit = new NoSamples();

        var failure = Assert.ThrowsAny<XunitException>(kit.The_viewer_is_proven_on_real_samples);
        Assert.Contains("at least one real sample", failure.Message, StringComparison.Ordinal);
        new PlainTextViewerConformance().The_viewer_is_proven_on_real_samples();
    }

    private sealed class NoSamples : ViewerConformanceTests
    {
        protected override IViewer Viewer { get; } = new TextViewersPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>()))[0];

        protected override IEnumerable<ViewerContent> Samples() => [];
    }
}
