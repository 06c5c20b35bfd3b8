using HapModular.Modules.Audit.Storage;
using Npgsql;

namespace HapModular.Modules.Audit.Report;

internal sealed record AuditSearchFilter(string? Physician, Guid? PatientId, DateOnly? From, DateOnly? To, string? Outcome, string? Purpose);

internal sealed record AuditSearchRow(long Sequence, DateTimeOffset At, string Action, string Outcome, string? ActorName, string? Inami, Guid? PatientId, string? DocumentTitle, string? Purpose, string? Reason);

/// <summary>The DPO's search over the trail (indexed on patient and actor; at most 200 rows, newest first).</summary>
internal sealed class AuditSearch(AuditDatabase database)
{
    public async Task<IReadOnlyList<AuditSearchRow>> RunAsync(AuditSearchFilter f, CancellationToken cancellationToken)
    {
        var sql = "SELECT seq, at, action, outcome, actor_name, actor_inami, patient_id, document_title, purpose, reason FROM audit.records WHERE true";
        await using var command = database.DataSource.CreateCommand();
        if (!string.IsNullOrWhiteSpace(f.Physician))
        {
            sql += " AND (actor_inami LIKE @inami OR actor_name ILIKE @name)";
            command.Parameters.AddWithValue("inami", new string(f.Physician.Where(char.IsAsciiDigit).ToArray()) is { Length: >= 8 } digits ? digits[..8] + "%" : "-");
            command.Parameters.AddWithValue("name", "%" + f.Physician.Trim().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%");
        }

        if (f.PatientId is { } patient)
        {
            sql += " AND patient_id = @patient";
            command.Parameters.AddWithValue("patient", patient);
        }

        if (f.From is { } from)
        {
            sql += " AND at >= @from";
            command.Parameters.AddWithValue("from", new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        }

        if (f.To is { } to)
        {
            sql += " AND at < @to";
            command.Parameters.AddWithValue("to", new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        }

        if (f.Outcome is "Allowed" or "Denied" or "Failed")
        {
            sql += " AND outcome = @outcome";
            command.Parameters.AddWithValue("outcome", f.Outcome);
        }

        if (f.Purpose is "TREAT" or "ETREAT")
        {
            sql += " AND purpose = @purpose";
            command.Parameters.AddWithValue("purpose", f.Purpose);
        }

        command.CommandText = sql + " ORDER BY seq DESC LIMIT 200";
        var rows = new List<AuditSearchRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AuditSearchRow(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), Text(reader, 4), Text(reader, 5),
                reader.IsDBNull(6) ? null : reader.GetGuid(6), Text(reader, 7), Text(reader, 8), Text(reader, 9)));
        }

        return rows;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
