namespace HapModular.Viewers;

/// <summary>
/// A viewer turns one kind of document into something a browser shows. Implementations must be thread-safe
/// and stateless between calls: the host calls them concurrently for many physicians.
/// </summary>
/// <remarks>
/// Bad input must never throw: return <see cref="RenderResult.CannotDisplay(string)"/> or a failed
/// <see cref="InspectionResult"/> with a reason. Only cancellation may end a call with an exception
/// (<see cref="OperationCanceledException"/>).
/// </remarks>
public interface IViewer
{
    /// <summary>What this viewer is and which documents it declares it can show.</summary>
    ViewerDescriptor Descriptor { get; }

    /// <summary>
    /// Says from the metadata alone (no content is read) how well this viewer fits a document.
    /// The host picks the viewer with the highest score; see <see cref="MatchScore"/> for the scale.
    /// </summary>
    /// <param name="metadata">What the host knows about the document.</param>
    /// <returns>0 when the viewer does not apply; higher is a better fit.</returns>
    int Match(DocumentMetadata metadata);

    /// <summary>
    /// Reads the content once, at ingestion: a title, the clinical date, a thumbnail and keys (e.g. DICOM study
    /// and series UIDs) that the record stores beside the document.
    /// </summary>
    /// <param name="content">The document.</param>
    /// <param name="cancellationToken">Honoured between units of work.</param>
    /// <returns>What was found, or a failure with a reason.</returns>
    ValueTask<InspectionResult> InspectAsync(ViewerContent content, CancellationToken cancellationToken);

    /// <summary>Renders the document (or one of its parts, see <see cref="RenderRequest.Target"/>).</summary>
    /// <param name="content">The document.</param>
    /// <param name="request">What to render, for whom (culture) and where further resources are fetched.</param>
    /// <param name="cancellationToken">Honoured between units of work.</param>
    /// <returns>An HTML fragment, a binary (image, PDF), JSON, a hand-off or "cannot display".</returns>
    ValueTask<RenderResult> RenderAsync(ViewerContent content, RenderRequest request, CancellationToken cancellationToken);
}

/// <summary>The customary values returned by <see cref="IViewer.Match(DocumentMetadata)"/>.</summary>
public static class MatchScore
{
    /// <summary>The viewer does not apply.</summary>
    public const int None = 0;

    /// <summary>A generic fallback (e.g. any <c>text/*</c>).</summary>
    public const int Fallback = 10;

    /// <summary>The media type is one the viewer declares.</summary>
    public const int MediaType = 50;

    /// <summary>A DICOM SOP class the viewer declares: more specific than the media type.</summary>
    public const int SopClass = 100;
}
