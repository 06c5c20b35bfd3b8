using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Patients;
using HapModular.Modules.Records.Storage;
using HapModular.Modules.Shared.Access;
using HapModular.SharedKernel;
using MediatR;
using Npgsql;

namespace HapModular.Modules.Records.Documents.Listing;

/// <summary>
/// Reached only through the guard, which already decided access; this only reads. The page and the total are one
/// statement (a window count) under the same R6 visibility rule as the timeline: what the caller may not see is
/// neither listed nor counted.
/// </summary>
internal sealed class ListPatientDocumentsHandler(RecordsDatabase database, PatientHeaderCache patients, PatientAccessContext access, TimeProvider time)
    : IRequestHandler<ListPatientDocuments, PatientDocumentList>
{
    public async Task<PatientDocumentList> Handle(ListPatientDocuments request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _ = await patients.GetAsync(request.PatientId, cancellationToken) ?? throw new PatientAccessDeniedException();
        var filter = request.Filter;
        var where = "d.patient_id = @p AND " + DocumentVisibility.Sql("d")
            + (filter.From is null ? string.Empty : " AND d.clinical_date >= @from")
            + (filter.To is null ? string.Empty : " AND d.clinical_date < @to")
            + (filter.Kinds is { Count: > 0 } ? " AND d.kind = ANY(@kinds)" : string.Empty)
            + (filter.Department is null ? string.Empty : " AND d.department = @dept");
        await using var command = database.DataSource.CreateCommand($"""
            SELECT total.n, page.*
            FROM (SELECT count(*)::int AS n FROM records.documents d WHERE {where}) total
            LEFT JOIN LATERAL (
                SELECT d.id, d.title, d.kind, d.department, d.clinical_date, d.clinical_date_known, d.author, d.media_type,
                       d.file_name, d.size, d.sha256, d.ingested_at
                FROM records.documents d WHERE {where}
                ORDER BY d.clinical_date DESC, d.id DESC
                OFFSET @offset LIMIT @count) page ON true
            """);
        var p = command.Parameters;
        p.AddWithValue("p", request.PatientId);
        DocumentVisibility.Bind(p, access.ViewerInami, time.GetUtcNow());
        AddIf(p, "from", filter.From?.ToUniversalTime());
        AddIf(p, "to", filter.To?.ToUniversalTime());
        if (filter.Kinds is { Count: > 0 } kinds)
        {
            p.AddWithValue("kinds", kinds.Select(NoNul).ToArray());
        }

        AddIf(p, "dept", filter.Department is null ? null : NoNul(filter.Department));
        p.AddWithValue("offset", Math.Max(0, request.Offset));
        p.AddWithValue("count", Math.Clamp(request.Count, 0, 200));

        var total = 0;
        var documents = new List<PatientDocument>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            total = reader.GetInt32(0);
            if (!reader.IsDBNull(1))
            {
                documents.Add(new PatientDocument(
                    reader.GetGuid(1), request.PatientId, reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetFieldValue<DateTimeOffset>(5), reader.GetBoolean(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetInt64(10), reader.GetString(11),
                    reader.GetFieldValue<DateTimeOffset>(12)));
            }
        }

        return new PatientDocumentList(total, documents);
    }

    private static void AddIf(NpgsqlParameterCollection parameters, string name, object? value)
    {
        if (value is not null)
        {
            parameters.AddWithValue(name, value);
        }
    }

    // PostgreSQL text cannot hold U+0000: no stored value contains it, so dropping it changes no answer.
    private static string NoNul(string text) => text.Replace("\0", string.Empty, StringComparison.Ordinal);
}
