using System.Text.Encodings.Web;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Timeline;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Records.Pages.Patients.Timeline;

/// <summary>
/// The timeline's days and lines (<c>&lt;ol class="timeline"&gt;</c>): by day, newest first; an imaging study's series
/// together under the study (in the order they appear that day), every other document one line. Every value from the
/// record (titles, departments, authors, media types) goes through the page's <see cref="HtmlEncoder"/>, as Razor's
/// <c>@</c> would; the markup is the page's own.
/// Why not Razor: per line the page built a day, an entry list and its array, an entry object and one localized-string
/// lookup per label — a visible share of the timeline's allocations under load. Here the rows are walked in place.
/// The page places this object in its buffer; MVC writes it last, asynchronously (<see cref="WriteToAsync"/>), into the
/// response's own char buffer, one day at a time with a flush after each. Why: Razor's writer keeps each string by
/// reference but copies a span into a new string, so each line's document id and each encoded title were strings of
/// their own (issue 15); written here, ids are formatted on the stack and values encoded straight into the buffer.
/// The flush after each day keeps that buffer to a page or two: written whole, a timeline's pages outgrew the shared
/// array pool's cache (measured earlier: more char[] allocated per request than the strings saved).
/// </summary>
internal sealed class TimelineHtml(
    IReadOnlyList<TimelineItem> rows,
    Guid patientId,
    IReadOnlyDictionary<string, IReadOnlyList<SeriesMember>> members,
    IStringLocalizer records,
    IStringLocalizer fileFacts,
    Func<string, string?, string?, Guid, string> seriesUrl,
    HtmlEncoder pageEncoder) : IHtmlAsyncContent
{
    private readonly string?[] kindLabels = new string?[DocumentKinds.All.Count];
    private readonly string documentsPath = $"/patients/{patientId}/documents/";

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        writer.Write("<ol class=\"timeline\">\n");
        var start = 0;
        while (start < rows.Count)
        {
            start = WriteDayAt(writer, encoder, start);
        }

        writer.Write("</ol>\n");
    }

    /// <summary>What MVC calls for the page: the same markup, flushed after each day (see the class's remarks).</summary>
    public async ValueTask WriteToAsync(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("<ol class=\"timeline\">\n");
        var start = 0;
        while (start < rows.Count)
        {
            start = WriteDayAt(writer, pageEncoder, start);
            await writer.FlushAsync();
        }

        writer.Write("</ol>\n");
    }

    /// <summary>The day of the row at <paramref name="start"/>, all its rows; returns the first row of the next day.</summary>
    private int WriteDayAt(TextWriter writer, HtmlEncoder encoder, int start)
    {
        var date = DayOf(rows[start]);
        var end = start + 1;
        while (end < rows.Count && DayOf(rows[end]) == date)
        {
            end++;
        }

        WriteDay(writer, encoder, date, start, end);
        return end;
    }

    private static DateOnly DayOf(TimelineItem item) => DateOnly.FromDateTime(item.ClinicalDate.UtcDateTime);

    private static bool InStudy(TimelineItem item) => item.Kind == DocumentKinds.Imaging && item.StudyUid is not null;

    private void WriteDay(TextWriter w, HtmlEncoder e, DateOnly date, int start, int end)
    {
        var label = DayLabels.Of(date);
        w.Write("<li class=\"day\">\n<h2><time datetime=\"");
        w.Write(label.Iso);
        w.Write("\">");
        Encoded(w, e, label.Long);
        w.Write("</time></h2>\n<ul class=\"entries\">\n");
        for (var i = start; i < end; i++)
        {
            var item = rows[i];
            if (!InStudy(item))
            {
                WriteSingle(w, e, item);
            }
            else if (!StudySeenBefore(start, i))
            {
                // A study is one entry where its first series appears that day, with all its series of the day.
                WriteStudy(w, e, i, end);
            }
        }

        w.Write("</ul>\n</li>\n");
    }

    private bool StudySeenBefore(int dayStart, int index)
    {
        var uid = rows[index].StudyUid;
        for (var j = dayStart; j < index; j++)
        {
            if (InStudy(rows[j]) && string.Equals(rows[j].StudyUid, uid, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void WriteSingle(TextWriter w, HtmlEncoder e, TimelineItem d)
    {
        w.Write("<li class=\"entry kind-");
        Encoded(w, e, d.Kind);
        w.Write("\" data-kind=\"");
        Encoded(w, e, d.Kind);
        w.Write("\" data-media-type=\"");
        Encoded(w, e, d.MediaType);
        w.Write("\">\n<a href=\"");
        WriteDocumentPath(w, d.Id);
        w.Write("\" class=\"doc-link\">");
        if (d.HasThumbnail)
        {
            w.Write("<img class=\"thumb\" src=\"");
            WriteDocumentPath(w, d.Id);
            w.Write("/thumbnail\" alt=\"\" loading=\"lazy\" width=\"96\" height=\"96\" />");
        }
        else
        {
            w.Write("<span class=\"thumb icon icon-");
            Encoded(w, e, d.Kind);
            w.Write("\" aria-hidden=\"true\"></span>");
        }

        w.Write("<span class=\"doc-title\">");
        Encoded(w, e, d.Title);
        w.Write("</span></a>\n<span class=\"meta\">");
        w.Write(KindLabelHtml(e, d.Kind));
        w.Write(" · ");
        Encoded(w, e, d.Department);
        if (d.Author is not null)
        {
            w.Write(" · ");
            Encoded(w, e, d.Author);
        }

        if (!d.ClinicalDateKnown)
        {
            w.Write(" · ");
            Encoded(w, e, fileFacts["DateUnknownShort"].Value);
        }

        w.Write("</span>\n");
        WriteSeriesMembers(w, e, d);
        w.Write("</li>\n");
    }

    private void WriteStudy(TextWriter w, HtmlEncoder e, int first, int end)
    {
        var study = rows[first];
        w.Write("<li class=\"entry kind-imaging study\" data-kind=\"imaging\">\n<span class=\"doc-title\"><span class=\"icon icon-imaging\" aria-hidden=\"true\"></span> ");
        Encoded(w, e, records["Study"].Value);
        w.Write(" — ");
        Encoded(w, e, study.Title);
        w.Write("</span>\n<ul class=\"series\">\n");
        for (var i = first; i < end; i++)
        {
            var s = rows[i];
            if (!InStudy(s) || !string.Equals(s.StudyUid, study.StudyUid, StringComparison.Ordinal))
            {
                continue;
            }

            w.Write("<li>\n<a href=\"");
            Encoded(w, e, seriesUrl(study.StudyUid!, s.SeriesUid, s.Modality, s.Id));
            w.Write("\" class=\"doc-link series-link\" data-modality=\"");
            if (s.Modality is not null)
            {
                Encoded(w, e, s.Modality);
            }

            w.Write("\">");
            if (s.HasThumbnail)
            {
                w.Write("<img class=\"thumb\" src=\"");
                WriteDocumentPath(w, s.Id);
                w.Write("/thumbnail\" alt=\"\" loading=\"lazy\" width=\"96\" height=\"96\" />");
            }

            w.Write("<span>");
            if (s.Modality is not null)
            {
                Encoded(w, e, s.Modality);
            }

            w.Write(' ');
            Encoded(w, e, s.SeriesDescription ?? s.Title);
            w.Write("</span></a>\n<span class=\"meta\">");
            Encoded(w, e, string.Format(records["Images"].Value, s.SeriesImages));
            w.Write(" · ");
            Encoded(w, e, s.Department);
            w.Write("</span>\n");
            WriteSeriesMembers(w, e, s);
            w.Write("</li>\n");
        }

        w.Write("</ul>\n</li>\n");
    }

    // Issue 11: a series line says how many objects it stands for and lists each with its own kind, so none is hidden.
    private void WriteSeriesMembers(TextWriter w, HtmlEncoder e, TimelineItem line)
    {
        if (line.SeriesCount <= 1 || line.SeriesUid is not { } uid)
        {
            return;
        }

        w.Write("<details class=\"series-members\" data-series-count=\"");
        w.Write(line.SeriesCount);
        w.Write("\">\n<summary>");
        Encoded(w, e, string.Format(fileFacts["SeriesObjects"].Value, line.SeriesCount));
        w.Write("</summary>\n<ul class=\"series-objects\" aria-label=\"");
        Encoded(w, e, fileFacts["SeriesList"].Value);
        w.Write("\">\n");
        foreach (var m in members.GetValueOrDefault(uid) ?? [])
        {
            w.Write("<li data-kind=\"");
            Encoded(w, e, m.Kind);
            w.Write("\"><a href=\"");
            WriteDocumentPath(w, m.Id);
            w.Write("\" class=\"series-object\">");
            Encoded(w, e, m.Title);
            w.Write("</a>\n<span class=\"muted\">· ");
            Encoded(w, e, records["Kind." + m.Kind].Value);
            if (m.Modality is not null)
            {
                w.Write(' ');
                Encoded(w, e, m.Modality);
            }

            w.Write(" · ");
            Encoded(w, e, m.ClinicalDateKnown ? m.ClinicalDate.ToString("g") : fileFacts["DateUnknownShort"].Value);
            w.Write("</span></li>\n");
        }

        w.Write("</ul>\n</details>\n");
    }

    // Into the writer's buffer: no encoded copy of the value as a string of its own.
    private static void Encoded(TextWriter w, HtmlEncoder e, string value) => e.Encode(w, value);

    private void WriteDocumentPath(TextWriter w, Guid id)
    {
        w.Write(documentsPath);
        Span<char> text = stackalloc char[36];
        id.TryFormat(text, out var length);
        w.Write(text[..length]);
    }

    /// <summary>A kind's label, HTML-encoded, looked up and encoded once per kind and page.</summary>
    private string KindLabelHtml(HtmlEncoder e, string kind)
    {
        for (var i = 0; i < kindLabels.Length; i++)
        {
            if (string.Equals(DocumentKinds.All[i], kind, StringComparison.Ordinal))
            {
                return kindLabels[i] ??= e.Encode(records[DocumentKinds.TextKey(kind)].Value);
            }
        }

        return e.Encode(records[DocumentKinds.TextKey(kind)].Value);
    }
}
