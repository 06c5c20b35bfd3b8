using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Storage;
using MediatR;

namespace HapModular.Modules.Records.Pages.Desk.Identity;

/// <summary>
/// Issue 11, for the patient desk: the documents whose file names another patient (name or birth date) than the
/// record they are filed in, newest first. Metadata only (never content); no title when its author masked it.
/// Not patient-scoped (it spans patients): the page is for desk staff and admins only, like the other desk pages.
/// </summary>
internal sealed record GetIdentityMismatches(int Limit = 200) : IRequest<IReadOnlyList<IdentityMismatch>>;

internal sealed record IdentityMismatch(
    Guid DocumentId, Guid PatientId, string? PatientName, DateOnly? PatientBirthDate, string? Title, string Kind, DateTimeOffset IngestedAt,
    string? FileName, DateOnly? FileBirthDate, string? FileId, string? Source);

internal sealed class GetIdentityMismatchesHandler(RecordsDatabase database, IMediator mediator) : IRequestHandler<GetIdentityMismatches, IReadOnlyList<IdentityMismatch>>
{
    public async Task<IReadOnlyList<IdentityMismatch>> Handle(GetIdentityMismatches request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var command = database.DataSource.CreateCommand("""
            SELECT id, patient_id, CASE WHEN masked_by = 'author' THEN NULL ELSE title END, kind, ingested_at,
                   file_patient_name, file_patient_birth_date, file_patient_id, file_identity_source
            FROM records.documents WHERE identity_check = 'mismatch'
            ORDER BY ingested_at DESC, id DESC LIMIT @n
            """);
        command.Parameters.AddWithValue("n", Math.Clamp(request.Limit, 1, 1000));
        var rows = new List<(Guid Id, Guid Patient, string? Title, string Kind, DateTimeOffset At, string? Name, DateOnly? Birth, string? FileId, string? Source)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
            }
        }

        var patients = (await mediator.Send(new GetPatientSummaries([.. rows.Select(r => r.Patient).Distinct()]), cancellationToken)).ToDictionary(p => p.PatientId);
        return [.. rows.Select(r =>
        {
            var p = patients.GetValueOrDefault(r.Patient);
            return new IdentityMismatch(r.Id, r.Patient, p is null ? null : p.LastName.ToUpperInvariant() + " " + p.FirstName, p?.BirthDate, r.Title, r.Kind, r.At,
                r.Name is null ? null : IdentityChecks.Display(r.Name), r.Birth, r.FileId, r.Source);
        })];
    }
}
