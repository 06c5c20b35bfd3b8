namespace HapModular.Modules.Records.Viewing;

/// <summary>Bytes to send (media type, optional download name), or a reason why there are none.</summary>
internal sealed record RenderedContent(byte[]? Content, string? MediaType, string? FileName, int Status, string? Reason)
{
    public static RenderedContent Of(byte[] content, string mediaType, string? fileName = null) => new(content, mediaType, fileName, 200, null);

    public static RenderedContent Failure(int status, string reason) => new(null, null, null, status, reason);
}
