using System.Net;
using System.Text.RegularExpressions;
using HapModular.Testing;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// The workspace's study list shows each study's date as a date, in the reader's calendar — also the ACR-NEMA form
/// "YYYY.MM.DD" old archives send (it was shown raw, "1994.11.05", and sorted as text) — and says "date unknown" for
/// a value that is no date, listed after the dated studies.
/// </summary>
public sealed partial class ConsentMatrixTests
{
    [Fact]
    public async Task The_study_list_shows_old_style_and_unreadable_study_dates_as_dates_or_as_unknown()
    {
        var dated = new[] { ("20260921", "21/09/2026"), ("1994.11.05", "05/11/1994"), ("2026-13-45", "Date inconnue") };
        var uids = new List<string>();
        foreach (var (da, _) in dated)
        {
            var slice = new SyntheticDicom.Slice(SyntheticDicom.NewUid(), SyntheticDicom.NewUid(), SyntheticDicom.NewUid(), 1, StudyDate: da, PatientId: "HAP-DATES", Size: 16);
            await IngestBytesAsync(W.A.Id, SyntheticDicom.Write(slice), $"dates-{slice.StudyUid}", null, null);
            uids.Add(slice.StudyUid);
        }

        var client = W.Client(factory, W.Linked);
        using var page = await client.GetAsync(new Uri($"/patients/{W.A.Id}/imaging?study={uids[0]}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var listed = StudyItem().Matches(html).Select(m => (Uid: m.Groups[1].Value, Date: m.Groups[2].Value)).ToList();
        var mine = listed.Where(s => uids.Contains(s.Uid)).ToList();
        Assert.Equal(uids, mine.Select(s => s.Uid));
        Assert.Equal(dated.Select(d => d.Item2), mine.Select(s => s.Date));
        Assert.DoesNotContain("1994.11.05", html, StringComparison.Ordinal);
        // Undated studies close the list.
        Assert.All(listed.Skip(listed.FindIndex(s => s.Uid == uids[2])), s => Assert.Equal("Date inconnue", s.Date));
    }

    [GeneratedRegex("data-study=\"([^\"]+)\"[^>]*>\\s*<span class=\"date\">([^<]*)</span>")]
    private static partial Regex StudyItem();
}
