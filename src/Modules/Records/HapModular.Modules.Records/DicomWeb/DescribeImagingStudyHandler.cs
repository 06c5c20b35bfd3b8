using HapModular.Modules.Records.Contracts;
using MediatR;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// The imaging audit record's subject, asked by the shared guard once per burst after it allowed the request: the
/// study's modalities, date and number of visible instances (the same R6 filter as every DICOMweb answer).
/// </summary>
internal sealed class DescribeImagingStudyHandler(DicomInstanceIndex index) : IRequestHandler<DescribeImagingStudy, string?>
{
    public async Task<string?> Handle(DescribeImagingStudy request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instances = await index.ReadAsync(request.PatientId, request.ViewerInami, request.StudyUid, null, null, cancellationToken);
        if (instances.Count == 0)
        {
            return null;
        }

        var modalities = string.Join("/", instances.Select(i => i.Text("00080060")).Where(m => m.Length > 0).Distinct().Order(StringComparer.Ordinal));
        var date = instances.Select(i => i.Text("00080020")).FirstOrDefault(d => d.Length == 8) ?? string.Empty;
        return $"{modalities}|{date}|{instances.Count}";
    }
}
