using HapModular.Modules.Records.Access;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Storage;
using HapModular.Modules.Shared.Access;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Pages.Patients.Series;

/// <summary>The series of the study a DICOM document belongs to, one representative document per series.</summary>
internal sealed record GetStudySeries(Guid PatientId, Guid DocumentId) : IRequest<IReadOnlyList<StudySeries>>, IPatientScoped
{
    Guid? IPatientScoped.DocumentId => DocumentId;

    public string AuditAction => PatientScopedActions.Read;
}

/// <summary>One series: the document the timeline also links to (newest instance) and its number of distinct images.</summary>
internal sealed record StudySeries(StoredDocument First, int Count);

/// <summary>
/// Reached only through the guard, which already checked the document belongs to the patient and is visible; the
/// other series obey the same visibility rule as the timeline (R6: masked and embargoed instances leave no trace, except
/// author-masked ones for their author).
/// </summary>
internal sealed class GetStudySeriesHandler(RecordsDatabase database, PatientAccessScope access, PatientAccessContext context, TimeProvider time) : IRequestHandler<GetStudySeries, IReadOnlyList<StudySeries>>
{
    private const int MaxSeries = 100;

    public async Task<IReadOnlyList<StudySeries>> Handle(GetStudySeries request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var document = access.Document ?? throw new PatientAccessDeniedException();
        if (document.StudyUid is null)
        {
            return [];
        }

        // The count is of distinct SOP Instance UIDs, as on the timeline and in the imaging workspace: the same image
        // sent again (another encoding, a re-send from the modality) is stored as another document but is one image.
        await using var command = database.DataSource.CreateCommand($"""
            SELECT DISTINCT ON (COALESCE(series_uid, id::text)) {DocumentRows.Columns}, images.n
            FROM records.documents d
            JOIN (SELECT COALESCE(v.series_uid, v.id::text) AS series_key, count(DISTINCT COALESCE(v.instance_uid, v.id::text))::int AS n
                  FROM records.documents v
                  WHERE v.patient_id = @p AND v.study_uid = @s AND {DocumentVisibility.Sql("v")}
                  GROUP BY 1) images ON images.series_key = COALESCE(d.series_uid, d.id::text)
            WHERE patient_id = @p AND study_uid = @s AND {DocumentVisibility.Sql("d")}
            ORDER BY COALESCE(series_uid, id::text), clinical_date DESC, id DESC
            LIMIT @n
            """);
        command.Parameters.AddWithValue("p", document.PatientId);
        command.Parameters.AddWithValue("s", document.StudyUid);
        command.Parameters.AddWithValue("n", MaxSeries);
        DocumentVisibility.Bind(command.Parameters, context.ViewerInami, time.GetUtcNow());
        var series = new List<StudySeries>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            series.Add(new StudySeries(DocumentRows.Read(reader), reader.GetInt32(reader.FieldCount - 1)));
        }

        return [.. series.OrderBy(s => s.First.ClinicalDate).ThenBy(s => s.First.SeriesDescription, StringComparer.Ordinal).ThenBy(s => s.First.Id)];
    }
}
