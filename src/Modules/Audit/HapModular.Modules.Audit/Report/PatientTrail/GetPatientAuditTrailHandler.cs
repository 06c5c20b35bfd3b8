using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Audit.Storage;
using MediatR;
using Npgsql;

namespace HapModular.Modules.Audit.Report.PatientTrail;

/// <summary>One page of the patient's records (index <c>records_patient_at</c>), with the total of the same filter.</summary>
internal sealed class GetPatientAuditTrailHandler(AuditDatabase database) : IRequestHandler<GetPatientAuditTrail, PatientAuditTrail>
{
    private const string Filter = "patient_id = @p AND (@from::timestamptz IS NULL OR at >= @from) AND (@before::timestamptz IS NULL OR at < @before)";

    public async Task<PatientAuditTrail> Handle(GetPatientAuditTrail request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var batch = database.DataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"SELECT count(*) FROM audit.records WHERE {Filter}", request));
        var page = Command(
            $"""
            SELECT seq, at, action, outcome, actor_user_id, actor_name, actor_inami, client_address, document_id, document_title, purpose, reason
            FROM audit.records WHERE {Filter} ORDER BY at DESC, seq DESC OFFSET @offset LIMIT @count
            """,
            request);
        page.Parameters.AddWithValue("offset", request.Offset);
        page.Parameters.AddWithValue("count", request.Count);
        batch.BatchCommands.Add(page);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = (int)reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var entries = new List<AuditTrailEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditTrailEntry(
                reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                Enum.Parse<AuditOutcome>(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetGuid(4),
                Text(reader, 5),
                Text(reader, 6),
                Text(reader, 7),
                reader.IsDBNull(8) ? null : reader.GetGuid(8),
                Text(reader, 9),
                Text(reader, 10),
                Text(reader, 11)));
        }

        return new PatientAuditTrail(total, entries);
    }

    private static NpgsqlBatchCommand Command(string sql, GetPatientAuditTrail request)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("p", request.PatientId);
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)request.From ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("before", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)request.Before ?? DBNull.Value });
        return command;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
