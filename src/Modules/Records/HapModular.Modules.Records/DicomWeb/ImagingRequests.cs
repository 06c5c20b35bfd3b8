using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>How the physician reached the images, for the audit (R7): the portal's workspace or a DICOMweb client.</summary>
internal static class ImagingChannels
{
    public const string Browser = "browser";
    public const string DicomWebClient = "dicomweb-client";
}

/// <summary>QIDO-RS over one patient: their visible DICOM instances (matching happens on what the guard let through).</summary>
internal sealed record SearchImaging(Guid PatientId, string? StudyUid, string Channel) : IRequest<IReadOnlyList<ImagingInstance>>, IPatientScoped
{
    public string AuditAction => PatientScopedActions.Search;
}

/// <summary>What a WADO-RS request asks for.</summary>
internal enum ImagingResource
{
    Instances,
    Metadata,
    Frames,
    Rendered,
    Thumbnail,
}

/// <summary>A study, series, instance or frames of one patient; <see cref="DocumentId"/> is the instance's document when one is named.</summary>
internal sealed record ImagingTarget(string StudyUid, string? SeriesUid = null, string? SopUid = null, IReadOnlyList<int>? Frames = null);

/// <summary>WADO-RS (and the rendered resources) over one patient's study, series or instance.</summary>
internal sealed record RetrieveImaging(
    Guid PatientId,
    Guid? DocumentId,
    ImagingTarget Target,
    ImagingResource Resource,
    IReadOnlyDictionary<string, string> Parameters,
    string Channel) : IRequest<ImagingResult>, IPatientScoped
{
    Guid? IPatientScoped.DocumentId => DocumentId;

    public string AuditAction => Resource switch
    {
        ImagingResource.Instances => PatientScopedActions.Download,
        ImagingResource.Metadata => PatientScopedActions.Read,
        _ => PatientScopedActions.Render,
    };
}

/// <summary>One body part of a response (a DICOM file, a frame, a rendered image) with its media type and location.</summary>
internal sealed record ImagingPart(ReadOnlyMemory<byte> Content, string ContentType, string? Location = null);

/// <summary>The parts to send (multipart or single), the DICOM JSON for metadata, or a status without body.</summary>
internal sealed record ImagingResult(IReadOnlyList<ImagingPart> Parts, string? Json = null, int Status = 200, string? Problem = null)
{
    public static ImagingResult Failure(int status, string problem) => new([], null, status, problem);
}
