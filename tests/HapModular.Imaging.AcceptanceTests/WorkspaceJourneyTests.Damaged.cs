using HapModular.Modules.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HapModular.Imaging.AcceptanceTests;

/// <summary>
/// A file damaged in the store (its bytes no longer match their hash) is never drawn — and the viewport never leaves
/// the previous image on screen under the damaged one's number: the reader would take slice 4 for slice 5.
/// </summary>
public sealed partial class WorkspaceJourneyTests
{
    [Fact]
    public async Task A_damaged_image_shows_as_unavailable_under_its_own_number_and_the_others_still_read()
    {
        var study = await portal.Host.IngestStudyAsync(portal.Host.Marie, 8, "CT", "20251115", size: 64, description: "Série endommagée");
        var sops = study.Files.Keys.ToList();
        var store = (FileSystemBlobStore)portal.Host.Services.GetRequiredService<IBlobStore>();
        foreach (var index in new[] { 0, 4 })
        {
            // One pixel byte: the file still parses and would render — only the hash tells.
            var bytes = study.Files[sops[index]].ToArray();
            bytes[^9] ^= 0x40;
            await File.WriteAllBytesAsync(store.PathOf(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(study.Files[sops[index]]))), bytes);
        }

        var page = await SignedInAsync();
        await page.GotoAsync($"/patients/{portal.Host.Marie}/imaging?study={study.StudyUid}&series={study.SeriesUid}");
        await page.WaitForFunctionAsync("() => ['true', 'error'].includes(document.getElementById('imaging-workspace')?.dataset.ready)");
        Assert.Null(await page.GetAttributeAsync("#imaging-workspace", "data-error"));

        const string Cell = ".viewport-cell[data-viewport='0']";
        var unavailable = page.Locator($"{Cell} .viewport-unavailable");
        var canvas = page.Locator($"{Cell} canvas").First;
        // The first image is the damaged one: said so, under its number, and nothing drawn in its place.
        await Assertions.Expect(unavailable).ToBeVisibleAsync();
        Assert.Equal("1", await page.GetAttributeAsync($"{Cell} .viewport-overlay", "data-index"));
        Assert.Equal("8", await page.GetAttributeAsync($"{Cell} .viewport-overlay", "data-count"));
        Assert.Contains("endommag", await unavailable.TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
        Assert.False(await canvas.IsVisibleAsync());
        await Testing.Browser.ScreenshotAsync(page, "imaging-11-damaged-first");

        // The next images read; the fifth (damaged) is said unavailable again under its own number, not image 4's pixels.
        await page.Locator($"{Cell} .viewport-element").First.FocusAsync();
        for (var expected = 2; expected <= 5; expected++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
            await page.WaitForFunctionAsync($"() => document.querySelector(\"{Cell} .viewport-overlay\").dataset.index === '{expected}'");
            if (expected < 5)
            {
                await Assertions.Expect(unavailable).ToBeHiddenAsync();
                Assert.True(await canvas.IsVisibleAsync());
            }
        }

        await Assertions.Expect(unavailable).ToBeVisibleAsync();
        Assert.False(await canvas.IsVisibleAsync());
        await Testing.Browser.ScreenshotAsync(page, "imaging-12-damaged-fifth");

        await page.Keyboard.PressAsync("ArrowDown");
        await page.WaitForFunctionAsync($"() => document.querySelector(\"{Cell} .viewport-overlay\").dataset.index === '6'");
        await Assertions.Expect(unavailable).ToBeHiddenAsync();

        // A cine loop does not stop at a damaged image: from image 6 it goes round, past images 1 and 5, and on.
        await page.Keyboard.PressAsync("c");
        await page.WaitForFunctionAsync(
            """
            (cell) => {
              const index = document.querySelector(cell + ' .viewport-overlay').dataset.index;
              window.__cineSeen = window.__cineSeen ?? [];
              if (window.__cineSeen.at(-1) !== index) window.__cineSeen.push(index);
              const seen = window.__cineSeen.join(',');
              return seen.includes('8,1,2') && seen.includes('4,5,6');
            }
            """,
            Cell,
            new PageWaitForFunctionOptions { PollingInterval = 5 });
        Assert.Equal("playing", await page.GetAttributeAsync("#imaging-workspace", "data-cine"));
        await page.Keyboard.PressAsync("c");
    }
}
