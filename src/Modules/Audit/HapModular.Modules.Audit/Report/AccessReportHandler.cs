using HapModular.Modules.Audit.Storage;
using MediatR;
using Npgsql;

namespace HapModular.Modules.Audit.Report;

/// <summary>Physicians' allowed accesses to the patient's record, newest first (staff and the patient see the same).</summary>
internal sealed class AccessReportHandler(AuditDatabase database) :
    IRequestHandler<GetAccessReport, IReadOnlyList<AccessReportLine>>,
    IRequestHandler<GetOwnAccessReport, IReadOnlyList<AccessReportLine>>
{
    public Task<IReadOnlyList<AccessReportLine>> Handle(GetAccessReport request, CancellationToken cancellationToken) => ReadAsync(request.PatientId, cancellationToken);

    public Task<IReadOnlyList<AccessReportLine>> Handle(GetOwnAccessReport request, CancellationToken cancellationToken) => ReadAsync(request.PatientId, cancellationToken);

    private async Task<IReadOnlyList<AccessReportLine>> ReadAsync(Guid patientId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            """
            SELECT at, actor_name, actor_inami, document_title, action, purpose FROM audit.records
            WHERE patient_id = @p AND outcome = 'Allowed' AND actor_inami IS NOT NULL
            ORDER BY at DESC, seq DESC LIMIT 1000
            """);
        command.Parameters.AddWithValue("p", patientId);
        var lines = new List<AccessReportLine>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new AccessReportLine(reader.GetFieldValue<DateTimeOffset>(0), Text(reader, 1), Text(reader, 2), Text(reader, 3), reader.GetString(4), Text(reader, 5)));
        }

        return lines;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
