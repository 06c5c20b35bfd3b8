using HapModular.Modules.Shared.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Consent.Web;

/// <summary>
/// The proof of a link: a scan or photo of the signed consent (PDF, JPEG, PNG — recognised by their first bytes, never
/// by the name or the browser's content type), or the on-screen signature as PNG. Size-capped
/// (<c>Consent:Proof:MaxBytes</c>, 10 MB), stored in the blob store; the blob id is the proof reference.
/// </summary>
internal sealed class ProofFiles(IBlobStore blobs, IConfiguration configuration)
{
    private const string DataUrlPrefix = "data:image/png;base64,";

    public long MaxBytes => configuration.GetValue<long>("Consent:Proof:MaxBytes", 10 * 1024 * 1024);

    public async Task<ProofResult> StoreUploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return ProofResult.Fail(ProofError.Missing);
        }

        if (file.Length > MaxBytes)
        {
            return ProofResult.Fail(ProofError.TooLarge);
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return await StoreAsync(buffer.ToArray(), cancellationToken);
    }

    public async Task<ProofResult> StoreSignatureAsync(string? dataUrl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(dataUrl) || !dataUrl.StartsWith(DataUrlPrefix, StringComparison.Ordinal))
        {
            return ProofResult.Fail(ProofError.Missing);
        }

        if ((dataUrl.Length - DataUrlPrefix.Length) / 4 * 3 > MaxBytes)
        {
            return ProofResult.Fail(ProofError.TooLarge);
        }

        var bytes = new byte[(dataUrl.Length - DataUrlPrefix.Length) / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(dataUrl[DataUrlPrefix.Length..], bytes, out var written))
        {
            return ProofResult.Fail(ProofError.UnsupportedType);
        }

        var png = bytes.AsMemory(0, written);
        return MediaTypeOf(png.Span) == "image/png" ? await StoreAsync(png, cancellationToken) : ProofResult.Fail(ProofError.UnsupportedType);
    }

    /// <summary>PDF, JPEG or PNG by magic bytes; null for anything else.</summary>
    public static string? MediaTypeOf(ReadOnlySpan<byte> head) =>
        head.StartsWith("%PDF-"u8) ? "application/pdf"
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : null;

    private async Task<ProofResult> StoreAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (MediaTypeOf(content.Span) is not { } mediaType)
        {
            return ProofResult.Fail(ProofError.UnsupportedType);
        }

        var id = await blobs.PutAsync(content, cancellationToken);
        return new ProofResult(id, mediaType, null);
    }
}

internal sealed record ProofResult(string? BlobId, string? MediaType, ProofError? Error)
{
    public static ProofResult Fail(ProofError error) => new(null, null, error);
}

internal enum ProofError
{
    Missing,
    TooLarge,
    UnsupportedType,
}
