namespace HapModular.Viewers.Text.Pdf;

/// <summary>Recognises PDF bytes before they are served as <c>application/pdf</c>.</summary>
internal static class PdfBytes
{
    public static bool LooksLikePdf(ReadOnlySpan<byte> bytes)
    {
        // The header may follow a few bytes of junk (PDF 1.7 §7.5.2 tolerates up to 1024).
        var head = bytes[..Math.Min(bytes.Length, 1024)];
        return head.IndexOf("%PDF-"u8) >= 0;
    }

    public static bool HasEndOfFile(ReadOnlySpan<byte> bytes)
    {
        var tail = bytes[Math.Max(0, bytes.Length - 2048)..];
        return tail.IndexOf("%%EOF"u8) >= 0;
    }

    public static RenderResult Serve(byte[]? bytes) =>
        bytes is not null && LooksLikePdf(bytes)
            ? RenderResult.Binary(bytes, "application/pdf")
            : RenderResult.CannotDisplay("The embedded document is not a readable PDF.");

    public static byte[]? FromBase64(string text)
    {
        var clean = new string(text.Where(ch => !char.IsWhiteSpace(ch)).ToArray());
        var buffer = new byte[clean.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(clean, buffer, out var written) ? buffer[..written] : null;
    }
}
