using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Storage;
using Npgsql;

namespace HapModular.Modules.Records.Timeline;

/// <summary>
/// One round trip: the page (keyset on the (patient, clinical date, id) index, so page 200 costs what page 1 costs),
/// the per-kind counts and the department list. Only documents visible to external physicians (R6) are counted or
/// listed: masked and embargoed documents leave no trace.
/// </summary>
internal sealed class TimelineQuery(RecordsDatabase database)
{
    private const string Visible = "patient_id = @p AND masked_by IS NULL AND (embargo_until IS NULL OR embargo_until <= @now)";

    public async Task<(List<StoredDocument> Page, Dictionary<string, int> Counts, List<string> Departments)> RunAsync(
        Guid patientId, TimelineFilter filter, TimelineCursor? after, int pageSize, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var page = new NpgsqlBatchCommand($"SELECT {DocumentRows.Columns} FROM records.documents WHERE {Visible}{Filters(filter, after)} ORDER BY clinical_date DESC, id DESC LIMIT @n");
        Bind(page.Parameters, patientId, now);
        BindFilters(page.Parameters, filter, after);
        page.Parameters.AddWithValue("n", pageSize + 1);
        var counts = new NpgsqlBatchCommand($"SELECT kind, count(*)::int FROM records.documents WHERE {Visible} GROUP BY kind");
        Bind(counts.Parameters, patientId, now);
        var departments = new NpgsqlBatchCommand($"SELECT DISTINCT department FROM records.documents WHERE {Visible} ORDER BY department");
        Bind(departments.Parameters, patientId, now);
        batch.BatchCommands.Add(page);
        batch.BatchCommands.Add(counts);
        batch.BatchCommands.Add(departments);

        var rows = new List<StoredDocument>();
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(DocumentRows.Read(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            kinds[reader.GetString(0)] = reader.GetInt32(1);
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return (rows, kinds, names);
    }

    private static string Filters(TimelineFilter f, TimelineCursor? after) =>
        (f.Kind is null ? string.Empty : " AND kind = @kind")
        + (f.Department is null ? string.Empty : " AND department = @dept")
        + (f.From is null ? string.Empty : " AND clinical_date >= @from")
        + (f.To is null ? string.Empty : " AND clinical_date < @to")
        + (string.IsNullOrWhiteSpace(f.Text) ? string.Empty : " AND title ILIKE @text ESCAPE '\\'")
        + (after is null ? string.Empty : " AND (clinical_date, id) < (@after_date, @after_id)");

    private static void Bind(NpgsqlParameterCollection p, Guid patientId, DateTimeOffset now)
    {
        p.AddWithValue("p", patientId);
        p.AddWithValue("now", now.ToUniversalTime());
    }

    private static void BindFilters(NpgsqlParameterCollection p, TimelineFilter f, TimelineCursor? after)
    {
        if (f.Kind is not null)
        {
            p.AddWithValue("kind", f.Kind);
        }

        if (f.Department is not null)
        {
            p.AddWithValue("dept", f.Department);
        }

        if (f.From is { } from)
        {
            p.AddWithValue("from", new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        }

        if (f.To is { } to)
        {
            p.AddWithValue("to", new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        }

        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var escaped = f.Text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
            p.AddWithValue("text", "%" + escaped + "%");
        }

        if (after is { } cursor)
        {
            p.AddWithValue("after_date", cursor.ClinicalDate);
            p.AddWithValue("after_id", cursor.Id);
        }
    }
}
