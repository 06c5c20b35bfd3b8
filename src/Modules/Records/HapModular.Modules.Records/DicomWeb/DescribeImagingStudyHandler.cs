using HapModular.Modules.Records.Contracts;
using MediatR;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// The imaging audit record's subject, asked by the shared guard once per burst after it allowed the request: the
/// study's modalities, date and number of visible instances (the same R6 filter as every DICOMweb answer), from their
/// summaries: every instance's whole metadata, read and parsed for two attributes, held the first image of every study
/// opened for a time that grows with the study (3 kB each: a 2,000-slice CT is 6 MB of JSON before its first image).
/// </summary>
internal sealed class DescribeImagingStudyHandler(DicomInstanceIndex index) : IRequestHandler<DescribeImagingStudy, string?>
{
    public async Task<string?> Handle(DescribeImagingStudy request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instances = await index.ReadSummariesAsync(request.PatientId, request.ViewerInami, request.StudyUid, cancellationToken);
        if (instances.Count == 0)
        {
            return null;
        }

        var modalities = string.Join("/", instances.Select(i => i.Summary.Modality).Where(m => m.Length > 0).Distinct().Order(StringComparer.Ordinal));
        var date = instances.Select(i => i.Summary.StudyDate).FirstOrDefault(d => d.Length == 8) ?? string.Empty;
        return $"{modalities}|{date}|{instances.Count}";
    }
}
