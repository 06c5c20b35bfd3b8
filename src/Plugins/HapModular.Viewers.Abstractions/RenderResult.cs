namespace HapModular.Viewers;

/// <summary>The outcome of <see cref="IViewer.RenderAsync"/>. One of the nested cases.</summary>
public abstract record RenderResult
{
    private protected RenderResult()
    {
    }

    /// <summary>An HTML fragment (no <c>&lt;html&gt;</c>, no script, no event handlers); the host sanitizes it again.</summary>
    /// <param name="html">The fragment.</param>
    /// <returns>The result.</returns>
    public static RenderResult Html(string html) => new HtmlFragment(html);

    /// <summary>Bytes with a media type: an image, a PDF, raw pixels.</summary>
    /// <param name="content">The bytes.</param>
    /// <param name="mediaType">Their media type.</param>
    /// <returns>The result.</returns>
    public static RenderResult Binary(byte[] content, string mediaType) => new BinaryContent(content, mediaType);

    /// <summary>JSON for the viewer's client module.</summary>
    /// <param name="json">A JSON document.</param>
    /// <returns>The result.</returns>
    public static RenderResult Json(string json) => new JsonContent(json);

    /// <summary>The content cannot be shown; the host offers the download instead.</summary>
    /// <param name="reason">Why, in plain words, without document content.</param>
    /// <returns>The result.</returns>
    public static RenderResult CannotDisplay(string reason) => new CannotDisplayResult(reason);

    /// <summary>The document carries another document that another viewer should show (e.g. a PDF inside HL7 v2).</summary>
    /// <param name="content">The inner document; its metadata is used to pick the viewer.</param>
    /// <returns>The result.</returns>
    public static RenderResult HandOff(ViewerContent content) => new HandOffResult(content);

    /// <summary>An HTML fragment.</summary>
    /// <param name="Value">The HTML.</param>
    public sealed record HtmlFragment(string Value) : RenderResult;

    /// <summary>Bytes with a media type.</summary>
    /// <param name="Content">The bytes.</param>
    /// <param name="MediaType">Their media type.</param>
    public sealed record BinaryContent(byte[] Content, string MediaType) : RenderResult;

    /// <summary>JSON for a client module.</summary>
    /// <param name="Value">The JSON text.</param>
    public sealed record JsonContent(string Value) : RenderResult;

    /// <summary>Cannot display, with the reason.</summary>
    /// <param name="Reason">Why.</param>
    public sealed record CannotDisplayResult(string Reason) : RenderResult;

    /// <summary>Hand the inner document to the viewer that matches it.</summary>
    /// <param name="Content">The inner document.</param>
    public sealed record HandOffResult(ViewerContent Content) : RenderResult;
}
