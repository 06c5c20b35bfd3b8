using System.Globalization;
using HapModular.Modules.Records.Documents;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Viewing;

/// <summary>The document page: the document and its viewer's default view.</summary>
internal sealed record ViewDocument(Guid PatientId, Guid DocumentId, CultureInfo Culture) : IRequest<DocumentView>, IPatientScoped
{
    Guid? IPatientScoped.DocumentId => DocumentId;

    public string AuditAction => PatientScopedActions.Read;
}

/// <summary>A viewer target of a document (frames, pages, JSON for the client module).</summary>
internal sealed record RenderDocument(Guid PatientId, Guid DocumentId, string Target, IReadOnlyDictionary<string, string> Parameters, CultureInfo Culture)
    : IRequest<RenderedContent>, IPatientScoped
{
    Guid? IPatientScoped.DocumentId => DocumentId;

    public string AuditAction => PatientScopedActions.Render;
}

/// <summary>The original bytes, exactly as ingested (hash verified).</summary>
internal sealed record DownloadDocument(Guid PatientId, Guid DocumentId) : IRequest<RenderedContent>, IPatientScoped
{
    Guid? IPatientScoped.DocumentId => DocumentId;

    public string AuditAction => PatientScopedActions.Download;
}

/// <summary>The ingestion thumbnail.</summary>
internal sealed record GetDocumentThumbnail(Guid PatientId, Guid DocumentId) : IRequest<RenderedContent>, IPatientScoped
{
    Guid? IPatientScoped.DocumentId => DocumentId;

    public string AuditAction => PatientScopedActions.Render;
}

/// <summary>How the document page shows a document.</summary>
internal enum ViewMode
{
    Html,
    Image,
    Frame,
    CannotDisplay,
    Damaged,
}

internal sealed record DocumentView(StoredDocument Document, ViewMode Mode, string? Html, string? ClientModuleUrl, string? Reason);

/// <summary>Bytes to send (media type, optional download name), or a reason why there are none.</summary>
internal sealed record RenderedContent(byte[]? Content, string? MediaType, string? FileName, int Status, string? Reason)
{
    public static RenderedContent Of(byte[] content, string mediaType, string? fileName = null) => new(content, mediaType, fileName, 200, null);

    public static RenderedContent Failure(int status, string reason) => new(null, null, null, status, reason);
}
