using System.Collections.Concurrent;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Storage;
using Npgsql;

namespace HapModular.Modules.Records.Timeline;

/// <summary>
/// One round trip of two statements: the page and the per-kind/department tallies. Only documents visible to external
/// physicians (R6) are listed or counted: masked and embargoed documents leave no trace.
/// The page is a keyset walk on the (patient, clinical date, id) index, so page 200 costs what page 1 costs. An imaging
/// series is one line wherever its instances fall: only the series' newest visible instance (same filters) is listed,
/// with the series' instance count — a 300-image CT is one line, not six pages.
/// </summary>
internal sealed class TimelineQuery(RecordsDatabase database)
{
    private const string PageColumns = """
        d.id, d.title, d.kind, d.clinical_date, d.department, d.author, d.media_type, d.file_name, d.sop_class_uid,
        d.thumbnail_sha256 IS NOT NULL, d.study_uid, d.series_uid, d.modality, d.series_description, d.clinical_date_known
        """;

    public async Task<TimelineResult> RunAsync(
        Guid patientId, TimelineFilter filter, TimelineCursor? after, int pageSize, DateTimeOffset now, string? viewerInami, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var shape = Shape(filter, after);
        var page = new NpgsqlBatchCommand(PageSql.GetOrAdd(shape, static (_, f) => PageText(f.filter, f.after), (filter, after)));
        Bind(page.Parameters, patientId, now, viewerInami);
        BindFilters(page.Parameters, filter, after);
        page.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize + 1 });
        var tallies = new NpgsqlBatchCommand(TalliesSql);
        Bind(tallies.Parameters, patientId, now, viewerInami);
        batch.BatchCommands.Add(page);
        batch.BatchCommands.Add(tallies);

        var rows = new List<TimelineItem>(pageSize + 1);
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        // Sorted by insertion into a list: a SortedSet allocated a node per department and the answer copied them again.
        var departments = new List<string>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader, database.TextIsUtf8));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var kind = RepeatedText.Read(reader, 0, database.TextIsUtf8)!;
            kinds[kind] = kinds.GetValueOrDefault(kind) + reader.GetInt32(2);
            var department = RepeatedText.Read(reader, 1, database.TextIsUtf8)!;
            var at = departments.BinarySearch(department, StringComparer.Ordinal);
            if (at < 0)
            {
                departments.Insert(~at, department);
            }
        }

        await reader.DisposeAsync();
        // Issue 11: no document hidden behind its series line; each line lists what it stands for.
        var members = SeriesMembers.AnyIn(rows)
            ? await MembersAsync(connection, rows, shape, patientId, filter, now, viewerInami, cancellationToken)
            : SeriesMembers.None;
        return new TimelineResult(rows, kinds, departments, members);
    }

    // Apart: its lambdas capture the request's values, and a method's captured values are allocated on entry to it —
    // a page without a series line (most pages) now allocates neither them nor the statement's empty answer.
    private Task<IReadOnlyDictionary<string, IReadOnlyList<SeriesMember>>> MembersAsync(
        NpgsqlConnection connection, List<TimelineItem> rows, int shape, Guid patientId, TimelineFilter filter, DateTimeOffset now, string? viewerInami, CancellationToken cancellationToken) =>
        SeriesMembers.ReadAsync(connection, database.TextIsUtf8, rows, shape & ~AfterBit, m => Where(m, filter), p =>
        {
            Bind(p, patientId, now, viewerInami);
            BindFilters(p, filter, null);
        }, cancellationToken);

    // The statements' text depends only on which filters are present: built once per shape, not on every page (the
    // text of each page request was a visible share of the timeline's allocations). Their parameters are positional
    // ($1…, see Where): with named ones Npgsql rewrote every statement's text on every run.
    private static readonly ConcurrentDictionary<int, string> PageSql = new();

    private static readonly string TalliesSql = $"SELECT kind, department, count(*)::int FROM records.documents d WHERE {Where("d", null)} GROUP BY kind, department";

    private const int AfterBit = 32;

    private static int Shape(TimelineFilter f, TimelineCursor? after) =>
        (f.Kind is null ? 0 : 1) | (f.Department is null ? 0 : 2) | (f.From is null ? 0 : 4) | (f.To is null ? 0 : 8)
        | (string.IsNullOrWhiteSpace(f.Text) ? 0 : 16) | (after is null ? 0 : AfterBit);

    /// <summary>How many positional parameters <see cref="Where"/> takes: patient, viewer, time and each present filter.</summary>
    private static int WhereParameters(TimelineFilter? f) =>
        3 + (f?.Kind is null ? 0 : 1) + (f?.Department is null ? 0 : 1) + (f?.From is null ? 0 : 1) + (f?.To is null ? 0 : 1)
        + (string.IsNullOrWhiteSpace(f?.Text) ? 0 : 1);

    private static string PageText(TimelineFilter filter, TimelineCursor? after)
    {
        var sameSeries = $"s.series_uid = d.series_uid AND {Where("s", filter)}";
        var next = WhereParameters(filter) + 1;
        var cursor = after is null ? string.Empty : $" AND (d.clinical_date, d.id) < (${next++}, ${next++})";
        return $"""
            SELECT {PageColumns},
                   CASE WHEN d.series_uid IS NULL THEN 1 ELSE (SELECT count(*)::int FROM records.documents s WHERE {sameSeries}) END AS series_count,
                   CASE WHEN d.series_uid IS NULL THEN 1 ELSE (SELECT count(DISTINCT COALESCE(s.instance_uid, s.id::text))::int FROM records.documents s WHERE {sameSeries}) END AS series_images
            FROM records.documents d
            WHERE {Where("d", filter)}{cursor}
              AND (d.series_uid IS NULL OR NOT EXISTS (
                   SELECT 1 FROM records.documents s WHERE {sameSeries} AND (s.clinical_date, s.id) > (d.clinical_date, d.id)))
            ORDER BY d.clinical_date DESC, d.id DESC
            LIMIT ${next}
            """;
    }

    // Kind, department, author, media type, SOP class and modality repeat from line to line: shared strings
    // (RepeatedText). Title, file name, UIDs and series description are each line's own.
    private static TimelineItem Read(NpgsqlDataReader r, bool utf8) => new(
        r.GetGuid(0),
        r.GetString(1),
        RepeatedText.Read(r, 2, utf8)!,
        r.GetFieldValue<DateTimeOffset>(3),
        RepeatedText.Read(r, 4, utf8)!,
        RepeatedText.Read(r, 5, utf8),
        RepeatedText.Read(r, 6, utf8)!,
        Text(r, 7),
        RepeatedText.Read(r, 8, utf8),
        r.GetBoolean(9),
        Text(r, 10),
        Text(r, 11),
        RepeatedText.Read(r, 12, utf8),
        Text(r, 13),
        r.GetInt32(15),
        r.GetInt32(16))
    {
        ClinicalDateKnown = r.GetBoolean(14),
    };

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>
    /// Visibility (R6: an author-masked document only for its author) and the optional filters, on the table aliased
    /// <paramref name="a"/>. Positional parameters, bound in this order by <see cref="Bind"/> then <see cref="BindFilters"/>:
    /// $1 patient, $2 viewer, $3 time, then kind, department, from, to, title text — each only when present.
    /// </summary>
    private static string Where(string a, TimelineFilter? f)
    {
        var next = 4;
        return $"{a}.patient_id = $1 AND {DocumentVisibility.Sql(a, "$2", "$3")}"
            + (f?.Kind is null ? string.Empty : $" AND {a}.kind = ${next++}")
            + (f?.Department is null ? string.Empty : $" AND {a}.department = ${next++}")
            + (f?.From is null ? string.Empty : $" AND {a}.clinical_date >= ${next++}")
            + (f?.To is null ? string.Empty : $" AND {a}.clinical_date < ${next++}")
            + (string.IsNullOrWhiteSpace(f?.Text) ? string.Empty : $" AND {a}.title ILIKE ${next} ESCAPE '\\'");
    }

    private static void Bind(NpgsqlParameterCollection p, Guid patientId, DateTimeOffset now, string? viewerInami)
    {
        p.Add(new NpgsqlParameter<Guid> { TypedValue = patientId });
        DocumentVisibility.BindPositional(p, viewerInami, now);
    }

    // PostgreSQL text cannot hold U+0000, so no stored value contains it: dropping it changes no answer (and a query
    // string with %00 is not a server error).
    private static string NoNul(string text) => text.Replace("\0", string.Empty, StringComparison.Ordinal);

    private static void BindFilters(NpgsqlParameterCollection p, TimelineFilter f, TimelineCursor? after)
    {
        if (f.Kind is not null)
        {
            p.Add(new NpgsqlParameter<string> { TypedValue = NoNul(f.Kind) });
        }

        if (f.Department is not null)
        {
            p.Add(new NpgsqlParameter<string> { TypedValue = NoNul(f.Department) });
        }

        if (f.From is { } from)
        {
            p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) });
        }

        if (f.To is { } to)
        {
            // "Up to and including 9999-12-31" has no next day: it means no upper bound.
            p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = to == DateOnly.MaxValue ? DateTimeOffset.MaxValue : new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) });
        }

        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var escaped = NoNul(f.Text).Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
            p.Add(new NpgsqlParameter<string> { TypedValue = "%" + escaped + "%" });
        }

        if (after is { } cursor)
        {
            p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cursor.ClinicalDate });
            p.Add(new NpgsqlParameter<Guid> { TypedValue = cursor.Id });
        }
    }
}

/// <summary>What <see cref="TimelineQuery"/> read: the page (one extra row tells whether more follow) and the tallies.</summary>
internal sealed record TimelineResult(
    List<TimelineItem> Page, Dictionary<string, int> CountsPerKind, List<string> Departments, IReadOnlyDictionary<string, IReadOnlyList<SeriesMember>> SeriesMembers);
