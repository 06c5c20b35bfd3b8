using HapModular.Modules.Records.Documents;
using HapModular.Modules.Shared;
using HapModular.Viewers;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Records.Ingestion;

/// <summary>
/// What the record learns from a document's bytes before storing it: the media type (from the bytes), the matching
/// viewer's inspection (refined by a SOP class's own viewer, e.g. a DICOM ECG), and the kind — the sender's, else
/// the one the content states, else the format's (see <see cref="DocumentKinds.Decide"/>).
/// </summary>
internal sealed partial class DocumentInspector(IViewerCatalog viewers, ILogger<DocumentInspector> logger)
{
    public async Task<Inspected> InspectAsync(ReadOnlyMemory<byte> content, string? fileName, string? declaredKind, CancellationToken cancellationToken)
    {
        var mediaType = MediaTypeSniffer.Detect(content.Span, fileName);
        if (mediaType == MediaTypes.Unknown)
        {
            return new Inspected(mediaType, null, DocumentKinds.Other);
        }

        var metadata = new DocumentMetadata(mediaType, fileName, null, declaredKind);
        var inspection = await InspectAsync(metadata, content, cancellationToken);
        var sopClass = inspection?.Keys.GetValueOrDefault(InspectionKeys.SopClassUid);
        return new Inspected(mediaType, inspection, DocumentKinds.Decide(declaredKind, inspection?.Kind, mediaType, sopClass));
    }

    private async Task<InspectionResult?> InspectAsync(DocumentMetadata metadata, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var viewer = viewers.FindViewer(metadata);
        if (viewer is null)
        {
            return null;
        }

        var inspection = await InspectWithAsync(viewer, metadata, content, cancellationToken);
        var sopClass = inspection.Keys.GetValueOrDefault(InspectionKeys.SopClassUid);
        if (inspection.Succeeded && sopClass is not null && viewers.FindViewer(metadata with { SopClassUid = sopClass }) is { } specific && !ReferenceEquals(specific, viewer))
        {
            // A SOP class with its own viewer (e.g. a DICOM ECG waveform): that viewer knows its thumbnail best.
            var refined = await InspectWithAsync(specific, metadata with { SopClassUid = sopClass }, content, cancellationToken);
            if (refined.Succeeded)
            {
                var keys = new Dictionary<string, string>(inspection.Keys);
                foreach (var (k, v) in refined.Keys)
                {
                    keys[k] = v;
                }

                return refined with
                {
                    Keys = keys,
                    Title = refined.Title ?? inspection.Title,
                    ClinicalDate = refined.ClinicalDate ?? inspection.ClinicalDate,
                    Identity = refined.Identity ?? inspection.Identity,
                    Kind = refined.Kind ?? inspection.Kind,
                };
            }
        }

        return inspection;
    }

    private async Task<InspectionResult> InspectWithAsync(IViewer viewer, DocumentMetadata metadata, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            return await viewer.InspectAsync(new ViewerContent(metadata, content), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The SDK forbids exceptions; a plugin that throws anyway must not take ingestion down.
            LogViewerFailed(logger, ex, viewer.Descriptor.Id);
            return InspectionResult.Failed("The viewer failed while reading the content.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Viewer {Viewer} threw while inspecting; content refused")]
    private static partial void LogViewerFailed(ILogger logger, Exception exception, string viewer);
}

/// <summary>The media type from the bytes, the viewer's inspection (null when no viewer applies) and the kind decided.</summary>
internal sealed record Inspected(string MediaType, InspectionResult? Inspection, string Kind)
{
    /// <summary>
    /// The patient the file names: the viewer's <see cref="InspectionResult.Identity"/>, else the keys that viewers
    /// built for ABI 1.0/1.1 put in <see cref="InspectionResult.Keys"/>.
    /// </summary>
    public FileIdentity? Identity
    {
        get
        {
            if (Inspection is null)
            {
                return null;
            }

            if (Inspection.Identity is { IsEmpty: false } identity)
            {
                return identity;
            }

            var keys = Inspection.Keys;
            var fromKeys = new FileIdentity
            {
                Name = keys.GetValueOrDefault(InspectionKeys.PatientName),
                BirthDate = DateOnly.TryParseExact(keys.GetValueOrDefault(InspectionKeys.PatientBirthDate), "yyyy-MM-dd", out var birth) ? birth : null,
                Id = keys.GetValueOrDefault(InspectionKeys.PatientId),
            };
            return fromKeys.IsEmpty ? null : fromKeys;
        }
    }
}
