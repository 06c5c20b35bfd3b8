using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Patients;
using MediatR;

namespace HapModular.Modules.Records.Ingestion;

/// <summary>The standard interfaces' way into <see cref="DocumentIngestor"/>: match (or hold), then ingest.</summary>
internal sealed class FileInboundDocumentHandler(InboundPatientMatcher matcher, DocumentIngestor ingestor, DocumentRepository documents)
    : IRequestHandler<FileInboundDocument, InboundFiling>
{
    public async Task<InboundFiling> Handle(FileInboundDocument request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await documents.FindBySourceAsync(request.SourceSystem, request.SourceId, cancellationToken) is { } existing)
        {
            return new InboundFiling(InboundFilingStatus.AlreadyFiled, existing.Id, existing.PatientId, null);
        }

        var (patientId, hold) = await matcher.MatchAsync(request.Patient, cancellationToken);
        if (patientId is null)
        {
            return new InboundFiling(InboundFilingStatus.Held, null, null, hold);
        }

        var d = request.Details;
        var metadata = new IngestMetadata
        {
            SourceId = request.SourceId,
            PatientId = patientId,
            FileName = d.FileName,
            Title = d.Title,
            Kind = d.Kind,
            ClinicalDate = d.ClinicalDate,
            Department = d.Department,
            Author = d.Author,
        };
        var outcome = await ingestor.IngestAsync(request.SourceSystem, metadata, request.Content, cancellationToken);
        return outcome switch
        {
            { Accepted: true, Created: true } => new InboundFiling(InboundFilingStatus.Filed, outcome.DocumentId, patientId, null),
            { Accepted: true } => new InboundFiling(InboundFilingStatus.AlreadyFiled, outcome.DocumentId, patientId, null),
            _ => new InboundFiling(InboundFilingStatus.Refused, null, patientId, $"{outcome.Title}: {outcome.Reason}"),
        };
    }
}
