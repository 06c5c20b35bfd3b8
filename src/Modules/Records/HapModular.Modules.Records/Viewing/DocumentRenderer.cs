using System.Globalization;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Shared;
using HapModular.Modules.Shared.Telemetry;
using HapModular.Viewers;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Records.Viewing;

/// <summary>
/// Picks the viewer for a stored document and renders a target, following hand-offs (an embedded PDF in HL7 v2,
/// a PDF in a DICOM file) one level deep. A viewer that throws is treated as "cannot display".
/// </summary>
internal sealed partial class DocumentRenderer(IViewerCatalog catalog, HapMetrics metrics, TimeProvider time, ILogger<DocumentRenderer> logger)
{
    public static string BaseUrl(StoredDocument d) => $"/patients/{d.PatientId}/documents/{d.Id}/";

    public (IViewer? Viewer, string? PluginId) ViewerFor(StoredDocument d)
    {
        var viewer = catalog.FindViewer(Metadata(d));
        return (viewer, viewer is null ? null : catalog.PluginIdOf(viewer));
    }

    public async Task<RenderResult> RenderAsync(StoredDocument d, ReadOnlyMemory<byte> content, string target, IReadOnlyDictionary<string, string> parameters, CultureInfo culture, CancellationToken cancellationToken)
    {
        var request = new RenderRequest(target, parameters, culture, BaseUrl(d) + "render/", BaseUrl(d) + "download");
        var current = new ViewerContent(Metadata(d), content);
        for (var depth = 0; depth < 3; depth++)
        {
            var viewer = catalog.FindViewer(current.Metadata);
            if (viewer is null)
            {
                return RenderResult.CannotDisplay("No viewer for " + current.Metadata.MediaType + ".");
            }

            RenderResult result;
            var started = time.GetTimestamp();
            try
            {
                result = await viewer.RenderAsync(current, request, cancellationToken);
                metrics.ViewerRendered(viewer.Descriptor.Id, time.GetElapsedTime(started));
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                LogViewerFailed(logger, ex, viewer.Descriptor.Id);
                return RenderResult.CannotDisplay("The viewer failed.");
            }

            if (result is not RenderResult.HandOffResult handOff)
            {
                return result;
            }

            current = handOff.Content;
        }

        return RenderResult.CannotDisplay("Too many nested documents.");
    }

    private static DocumentMetadata Metadata(StoredDocument d) => new(d.MediaType, d.FileName, d.SopClassUid, d.Kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Viewer {Viewer} threw while rendering")]
    private static partial void LogViewerFailed(ILogger logger, Exception exception, string viewer);
}
