using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using HapModular.Modules.Records.Pages.Patients.Timeline;
using HapModular.Modules.Records.Timeline;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// The timeline's lines as the physician reads them, written without Razor (<see cref="TimelineHtml"/>): newest first,
/// one heading per day, a study's series together under the study, and a hostile title shown as text, never as markup.
/// </summary>
public sealed partial class TimelineHtmlTests
{
    private static readonly Guid Patient = Guid.Parse("11111111-2222-3333-4444-555555555555");

    [Fact]
    public void A_title_or_department_with_markup_comes_out_encoded()
    {
        var html = Render(Item("<script>alert(1)</script>", "report", Day(3), department: "Urg\"ences<b>", author: "Dr <i>X</i>"));
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Urg&quot;ences&lt;b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_keep_the_rows_order_under_one_heading_per_day_with_links_to_each_document()
    {
        var a = Item("A", "report", Day(5, 10));
        var b = Item("B", "lab", Day(5, 8), author: null);
        var c = Item("C", "photo", Day(2), thumbnail: true);
        var html = Render(a, b, c);
        Assert.Equal(["A", "B", "C"], Titles().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Equal(["2026-03-05", "2026-03-02"], Days().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Contains($"<a href=\"/patients/{Patient}/documents/{a.Id}\" class=\"doc-link\">", html, StringComparison.Ordinal);
        Assert.Contains($"src=\"/patients/{Patient}/documents/{c.Id}/thumbnail\"", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"meta\">Kind.report · Cardiologie · Dr A</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"meta\">Kind.lab · Cardiologie</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_studys_series_of_one_day_are_one_entry_where_its_first_series_appears()
    {
        var ct = Item("CT thorax", "imaging", Day(4, 12), study: "1.2.3", series: "1.2.3.1", modality: "CT", count: 130);
        var report = Item("Report", "report", Day(4, 11));
        var mr = Item("MR", "imaging", Day(4, 10), study: "1.2.3", series: "1.2.3.2", modality: "MR", count: 5);
        var html = Render(ct, report, mr);
        Assert.Single(Regex.Matches(html, "class=\"entry kind-imaging study\""));
        Assert.True(html.IndexOf("1.2.3.2", StringComparison.Ordinal) < html.IndexOf("Report", StringComparison.Ordinal));
        Assert.Contains("Images:130 · Cardiologie", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/patients/{Patient}/imaging?study=1.2.3&amp;series=1.2.3.1\" class=\"doc-link series-link\" data-modality=\"CT\"", html, StringComparison.Ordinal);
        Assert.Contains("data-series-count=\"130\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_s_asynchronous_write_gives_the_same_markup_one_day_at_a_time()
    {
        var rows = new[]
        {
            Item("Échographie <cœur>", "report", Day(6, 10), department: "Cardiologie « adulte »", author: "Dr Müller"),
            Item("CT thorax", "imaging", Day(6, 9), study: "1.2.3", series: "1.2.3.1", modality: "CT", count: 3, thumbnail: true),
            Item("Bilan", "lab", Day(5), author: null, thumbnail: true),
            Item("Photo", "photo", Day(1)),
        };
        var html = Timeline(rows);
        using var writer = new FlushCounter();
        await html.WriteToAsync(writer);
        Assert.Equal(Render(rows), writer.ToString());
        Assert.Equal(3, writer.Flushes);
    }

    private static string Render(params TimelineItem[] rows)
    {
        using var writer = new StringWriter();
        Timeline(rows).WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    private static TimelineHtml Timeline(TimelineItem[] rows) =>
        new(rows, Patient, new Dictionary<string, IReadOnlyList<SeriesMember>>(), new Keys(), new Keys(), (study, series, _, _) => $"/patients/{Patient}/imaging?study={study}&series={series}", HtmlEncoder.Default);

    private sealed class FlushCounter : StringWriter
    {
        public int Flushes { get; private set; }

        public override Task FlushAsync()
        {
            Flushes++;
            return base.FlushAsync();
        }
    }

    private static DateTimeOffset Day(int day, int hour = 9) => new(2026, 3, day, hour, 0, 0, TimeSpan.Zero);

    private static TimelineItem Item(string title, string kind, DateTimeOffset date, string department = "Cardiologie", string? author = "Dr A", bool thumbnail = false,
        string? study = null, string? series = null, string? modality = null, int count = 1) =>
        new(Guid.NewGuid(), title, kind, date, department, author, "application/pdf", null, null, thumbnail, study, series, modality, null, count) { SeriesImages = count };

    /// <summary>Texts as their keys (formats show their argument), so the test reads the markup, not a language.</summary>
    private sealed class Keys : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name is "Images" or "SeriesObjects" ? name + ":{0}" : name);

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, this[name].Value, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    [GeneratedRegex("<span class=\"doc-title\">([^<]*)</span>")]
    private static partial Regex Titles();

    [GeneratedRegex("<time datetime=\"([0-9-]+)\">")]
    private static partial Regex Days();
}
