using HapModular.Modules.Audit.Storage;
using HapModular.Modules.Records.Contracts;
using MediatR;
using Npgsql;

namespace HapModular.Modules.Audit.Report;

/// <summary>
/// Physicians' allowed accesses to the patient's record, newest first (staff and the patient see the same; staff
/// act for the patient, so neither sees the title of a document its author masked).
/// </summary>
internal sealed class AccessReportHandler(AuditDatabase database, IMediator mediator) :
    IRequestHandler<GetAccessReport, IReadOnlyList<AccessReportLine>>,
    IRequestHandler<GetOwnAccessReport, IReadOnlyList<AccessReportLine>>
{
    public Task<IReadOnlyList<AccessReportLine>> Handle(GetAccessReport request, CancellationToken cancellationToken) => ReadAsync(request.PatientId, cancellationToken);

    public Task<IReadOnlyList<AccessReportLine>> Handle(GetOwnAccessReport request, CancellationToken cancellationToken) => ReadAsync(request.PatientId, cancellationToken);

    private async Task<IReadOnlyList<AccessReportLine>> ReadAsync(Guid patientId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            """
            SELECT at, actor_name, actor_inami, document_title, action, purpose, document_id FROM audit.records
            WHERE patient_id = @p AND outcome = 'Allowed' AND actor_inami IS NOT NULL
            ORDER BY at DESC, seq DESC LIMIT 1000
            """);
        command.Parameters.AddWithValue("p", patientId);
        // Asked after the guard allowed this report; ids only, the current masking state (R6).
        var hidden = (await mediator.Send(new GetAuthorMaskedDocuments(patientId), cancellationToken)).ToHashSet();
        var lines = new List<AccessReportLine>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var masked = !reader.IsDBNull(6) && hidden.Contains(reader.GetGuid(6));
            lines.Add(new AccessReportLine(reader.GetFieldValue<DateTimeOffset>(0), Text(reader, 1), Text(reader, 2), masked ? null : Text(reader, 3), reader.GetString(4), Text(reader, 5), masked));
        }

        return lines;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
