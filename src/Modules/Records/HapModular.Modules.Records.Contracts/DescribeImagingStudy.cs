using MediatR;

namespace HapModular.Modules.Records.Contracts;

/// <summary>
/// What the imaging audit record says about a study the guard just allowed (sent by the shared guard only, once per
/// imaging burst): its modality, date and number of images the physician may see (R6: masked and embargoed images not
/// counted), as <c>"MR|20260922|7"</c>; the access report writes it in the reader's language. Null when the study
/// has no visible image of that patient.
/// </summary>
/// <param name="PatientId">The patient the guard allowed.</param>
/// <param name="StudyUid">The study's Study Instance UID.</param>
/// <param name="ViewerInami">The physician's INAMI digits (an author still sees the images they masked).</param>
public sealed record DescribeImagingStudy(Guid PatientId, string StudyUid, string? ViewerInami) : IRequest<string?>;
