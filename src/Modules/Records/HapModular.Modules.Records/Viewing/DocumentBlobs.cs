using HapModular.Modules.Records.Access;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Shared.Storage;
using HapModular.Modules.Shared.Telemetry;
using HapModular.SharedKernel;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Records.Viewing;

/// <summary>
/// The document the guard already loaded (it checked it belongs to the patient and is visible, see
/// <see cref="PatientAccessScope.Document"/>) and its blobs. Damaged blobs are reported, never served.
/// </summary>
internal sealed partial class DocumentBlobs(PatientAccessScope access, IBlobStore blobs, HapMetrics metrics, ILogger<DocumentBlobs> logger)
{
    public StoredDocument Document => access.Document ?? throw new PatientAccessDeniedException();

    public Task<byte[]?> ReadContentAsync(StoredDocument document, CancellationToken cancellationToken) => ReadAsync(document.Sha256, document.Id, cancellationToken);

    public async Task<byte[]?> ReadAsync(string sha256, Guid documentId, CancellationToken cancellationToken)
    {
        try
        {
            return await blobs.GetAsync(sha256, cancellationToken);
        }
        catch (Exception ex) when (ex is BlobCorruptedException or BlobNotFoundException)
        {
            ReportUnreadable(documentId, ex);
            return null;
        }
    }

    /// <summary>
    /// Content that could not be served (the store's <see cref="BlobCorruptedException"/> or <see cref="BlobNotFoundException"/>),
    /// wherever it was read: one error line naming the document and the blob's hash (never the content), one count for
    /// the operations team (<see cref="HapMetrics.ContentUnreadable"/>).
    /// </summary>
    public void ReportUnreadable(Guid? documentId, Exception problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        LogDamaged(logger, documentId, problem.Message);
        metrics.ContentUnreadable(problem is BlobNotFoundException);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Content of document {DocumentId} is damaged or missing ({Problem}); not served")]
    private static partial void LogDamaged(ILogger logger, Guid? documentId, string problem);
}
