using HapModular.Modules.Records.DicomWeb;
using HapModular.Modules.Records.Patients;
using HapModular.Modules.Shared.Access;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Pages.Patients.Imaging;

/// <summary>
/// The imaging workspace of a patient opened on a study: the banner and the study list (current and priors), through
/// the guard; the study opened starts the imaging audit burst its frames join.
/// </summary>
internal sealed record OpenImagingWorkspace(Guid PatientId, string? StudyUid) : IRequest<ImagingWorkspace>, IImagingRequest
{
    public string AuditAction => PatientScopedActions.ImagingOpen;

    public string Channel => ImagingChannels.Browser;
}

/// <summary>
/// One study of the list: newest first, studies without a readable date last. Images are instances, as the timeline and
/// the series panel count them (a cine loop is one image); Frames add up every image's frames (a loop's 30), shown beside
/// when they differ.
/// </summary>
internal sealed record WorkspaceStudy(string StudyUid, DateOnly? Date, string Modalities, string Description, int Series, int Images, int Frames);

internal sealed record ImagingWorkspace(Guid PatientId, CachedPatient Patient, IReadOnlyList<WorkspaceStudy> Studies, IReadOnlyList<WorkspaceInstance> Instances)
{
    /// <summary>The DICOMweb base the workspace reads from: this patient's instances only, whatever UIDs other records share.</summary>
    public string DicomWebBase => DicomWebEndpoints.PatientBase(PatientId);

    /// <summary>
    /// The image the workspace shows first in a study — the first series in QIDO order, or the one named; its lowest
    /// instance number (the order the workspace sorts by); null when there is none.
    /// </summary>
    public WorkspaceInstance? FirstImage(string study, string? series)
    {
        var inStudy = Instances.Where(i => i.StudyUid == study).ToList();
        series ??= Ordered(inStudy).FirstOrDefault()?.SeriesUid;
        return Ordered(inStudy.Where(i => i.SeriesUid == series)).OrderBy(i => i.Summary.InstanceNumber).FirstOrDefault();
    }

    /// <summary>QIDO's order (Qido.Ordered): series number, series UID, instance number, SOP Instance UID.</summary>
    public static IOrderedEnumerable<WorkspaceInstance> Ordered(IEnumerable<WorkspaceInstance> instances) => instances
        .OrderBy(i => i.Summary.SeriesNumber).ThenBy(i => i.SeriesUid, StringComparer.Ordinal)
        .ThenBy(i => i.Summary.InstanceNumber).ThenBy(i => i.SopUid, StringComparer.Ordinal);
}

/// <summary>
/// Only the instances the physician may see (R6): a masked instance changes no count and no list. Read from the instances'
/// summaries (InstanceSummary), never their whole metadata.
/// </summary>
internal sealed class OpenImagingWorkspaceHandler(DicomInstanceIndex index, PatientAccessContext access, PatientHeaderCache headers) : IRequestHandler<OpenImagingWorkspace, ImagingWorkspace>
{
    public async Task<ImagingWorkspace> Handle(OpenImagingWorkspace request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var patient = await headers.GetAsync(request.PatientId, cancellationToken) ?? throw new PatientAccessDeniedException();
        var instances = await index.ReadSummariesAsync(request.PatientId, access.ViewerInami, null, cancellationToken);
        var studies = instances.GroupBy(i => i.StudyUid)
            .Select(g =>
            {
                var first = ImagingWorkspace.Ordered(g).First();
                return new WorkspaceStudy(
                    g.Key,
                    StudyDate.Parse(first.Summary.StudyDate),
                    string.Join("/", g.Select(i => i.Summary.Modality).Where(m => m.Length > 0).Distinct().Order(StringComparer.Ordinal)),
                    first.Summary.StudyDescription is { Length: > 0 } d ? d : first.Title,
                    g.Select(i => i.SeriesUid).Distinct().Count(),
                    g.Count(),
                    g.Sum(i => i.Summary.Frames));
            })
            .OrderBy(s => s.Date is null).ThenByDescending(s => s.Date).ThenBy(s => s.StudyUid, StringComparer.Ordinal)
            .ToList();
        return new ImagingWorkspace(request.PatientId, patient, studies, instances);
    }
}
