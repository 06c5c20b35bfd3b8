using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// QIDO-RS over one patient: the results of the level from their visible DICOM instances (matching happens on what the
/// guard let through). At the study and series levels each result is its representative instance (the one whose
/// attributes the result shows) and the counts and modalities of the others (<see cref="QidoGroup"/>).
/// </summary>
internal sealed record SearchImaging(Guid PatientId, string? StudyUid, string Channel, QidoLevel Level = QidoLevel.Instances) : IRequest<IReadOnlyList<QidoGroup>>, IImagingRequest
{
    public string AuditAction => StudyUid is null ? PatientScopedActions.Search : PatientScopedActions.ImagingOpen;
}

/// <summary>The level of a QIDO-RS search (PS3.18 §10.6).</summary>
internal enum QidoLevel
{
    Studies,
    Series,
    Instances,
}

/// <summary>What a WADO-RS request asks for.</summary>
internal enum ImagingResource
{
    Instances,
    Metadata,
    Frames,
    Rendered,
    Thumbnail,
    BulkData,
}

/// <summary>
/// A study, series, instance or frames of one patient; DocumentId (on RetrieveImaging) is the instance's document when one
/// is named. BulkPath names one bulk data element of the instance as its metadata's BulkDataURI does (tag, or
/// sequence tag / item index / tag …, 8 lower-case hex digits each).
/// </summary>
internal sealed record ImagingTarget(string StudyUid, string? SeriesUid = null, string? SopUid = null, IReadOnlyList<int>? Frames = null, string? BulkPath = null);

/// <summary>
/// WADO-RS (and the rendered resources) over one patient's study, series or instance. Web is the DICOMweb base the
/// client asked through (<c>/dicomweb</c>, or a patient's <c>/patients/{id}/dicomweb</c>): every URL the answer names
/// (Content-Location, BulkDataURI) is built on it, so a client never leaves the base it chose.
/// </summary>
internal sealed record RetrieveImaging(
    Guid PatientId,
    Guid? DocumentId,
    ImagingTarget Target,
    ImagingResource Resource,
    IReadOnlyDictionary<string, string> Parameters,
    string Channel,
    string Web) : IRequest<ImagingResult>, IImagingRequest
{
    Guid? IPatientScoped.DocumentId => DocumentId;

    string? IImagingRequest.StudyUid => Target.StudyUid;

    // Viewers open a study by its metadata, then pull frames: whichever comes first names the burst's record.
    public string AuditAction => Resource == ImagingResource.Metadata ? PatientScopedActions.ImagingOpen : PatientScopedActions.ImagingRetrieve;
}

/// <summary>One body part of a response (a DICOM file, a frame, a rendered image) with its media type and location.</summary>
internal sealed record ImagingPart(ReadOnlyMemory<byte> Content, string ContentType, string? Location = null);

/// <summary>The parts to send (multipart or single), the DICOM JSON for metadata, or a status without body.</summary>
internal sealed record ImagingResult(IReadOnlyList<ImagingPart> Parts, string? Json = null, int Status = 200, string? Problem = null)
{
    /// <summary>Parts read one at a time while they are written (a series' bulk frames: never the whole series in memory).</summary>
    public IAsyncEnumerable<ImagingPart>? Streamed { get; init; }

    public static ImagingResult Failure(int status, string problem) => new([], null, status, problem);
}
