using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HapModular.Viewers.Photos.Tests;

/// <summary>
/// The before/after widget in a real browser (Debian chromium, headless): the two served photos load upright,
/// in panes of identical size, side by side and then with the slider; a screenshot of each mode is kept.
/// </summary>
public sealed partial class BeforeAfterBrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly string dir = Path.Combine(Path.GetTempPath(), "hap-photos-compare-" + Guid.NewGuid().ToString("N"));

    public BeforeAfterBrowserTests()
    {
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "wwwroot")))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }
    }

    [Theory]
    [InlineData("side")]
    [InlineData("slider")]
    public async Task Before_and_after_load_upright_in_equal_panes(string mode)
    {
        // "After" is stored sideways (EXIF 6): the browser must receive it already upright, like "before".
        await Serve("exif_orientation_1.jpg", "before.jpg");
        await Serve("exif_orientation_6.jpg", "after.jpg");
        File.WriteAllText(Path.Combine(dir, "index.html"), Page(mode));

        var title = Run("--dump-dom");
        var m = Measured().Match(title);
        Assert.True(m.Success, "page reported: " + title);
        Assert.Equal("2", m.Groups["images"].Value);
        Assert.Equal("1200x1800", m.Groups["before"].Value);
        Assert.Equal("1200x1800", m.Groups["after"].Value);
        Assert.Equal(m.Groups["paneA"].Value, m.Groups["paneB"].Value);
        Assert.Equal(mode == "slider" ? "inset(0px 0px 0px 50%)" : "none", m.Groups["clip"].Value);

        var shot = Path.Combine(AppContext.BaseDirectory, $"before-after-{mode}.png");
        Run("--screenshot=" + shot);
        Assert.True(new FileInfo(shot).Length > 10_000, "screenshot missing or empty");
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private async Task Serve(string corpusName, string target)
    {
        var served = Assert.IsType<RenderResult.BinaryContent>(await Photos.Render(Photos.Content(corpusName, "image/jpeg"), "image", ("max", "1800")));
        File.WriteAllBytes(Path.Combine(dir, target), served.Content);
    }

    private static string Page(string mode) => $$"""
        <!doctype html><html lang="fr"><head><meta charset="utf-8"><title>pending</title></head><body>
        <div class="hap-photo-compare" data-before="before.jpg" data-after="after.jpg" data-mode="{{mode}}"></div>
        <script type="module">
          import { init } from './photo-viewer.js';
          init();
          const imgs = [...document.querySelectorAll('.hap-compare-image')];
          // Polling, not img.decode(): headless virtual time does not wait for decode promises.
          const report = () => {
            if (!imgs.every((i) => i.complete && i.naturalWidth > 0)) { setTimeout(report, 50); return; }
            const size = (e) => { const r = e.getBoundingClientRect(); return `${Math.round(r.width)}x${Math.round(r.height)}`; };
            const panes = [...document.querySelectorAll('.hap-compare-pane')];
            const clip = getComputedStyle(document.querySelector('.hap-compare-after')).clipPath;
            document.title = `images=${imgs.length};before=${imgs[0].naturalWidth}x${imgs[0].naturalHeight};after=${imgs[1].naturalWidth}x${imgs[1].naturalHeight};paneA=${size(panes[0])};paneB=${size(panes[1])};clip=${clip}`;
          };
          report();
        </script></body></html>
        """;

    private string Run(string action)
    {
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--allow-file-access-from-files", "--virtual-time-budget=5000", "--window-size=1200,900", action, "file://" + Path.Combine(dir, "index.html") })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "chromium did not finish");
        var dom = output.Result;
        var t = Regex.Match(dom, "<title>(.*?)</title>");
        return t.Success ? t.Groups[1].Value : dom;
    }

    [GeneratedRegex("images=(?<images>\\d+);before=(?<before>\\d+x\\d+);after=(?<after>\\d+x\\d+);paneA=(?<paneA>\\d+x\\d+);paneB=(?<paneB>\\d+x\\d+);clip=(?<clip>.*)$")]
    private static partial Regex Measured();
}
