using HapModular.Modules.Shared.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Consent.Web;

/// <summary>
/// The proof of a link: a scan or photo of the signed consent (PDF, JPEG, PNG — recognised by their first bytes, never
/// by the name or the browser's content type, then checked to be a readable page, see <see cref="ProofCheck"/>), or
/// the on-screen signature as PNG. Size-capped (<c>Consent:Proof:MaxBytes</c>, 10 MB). Read and checked in memory
/// first; written to the blob store (the blob id is the proof reference) only once the link will be created, so
/// nothing is kept from a failed attempt.
/// </summary>
internal sealed class ProofFiles(IBlobStore blobs, IConfiguration configuration)
{
    private const string DataUrlPrefix = "data:image/png;base64,";

    public long MaxBytes => configuration.GetValue<long>("Consent:Proof:MaxBytes", 10 * 1024 * 1024);

    /// <summary>An uploaded scan, checked, not stored.</summary>
    public async Task<ProofResult> ReadUploadAsync(IFormFile? file, CancellationToken cancellationToken)
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
        var content = buffer.ToArray();
        if (MediaTypeOf(content) is not { } mediaType)
        {
            return ProofResult.Fail(ProofError.UnsupportedType);
        }

        return ProofCheck.Scan(content, mediaType) is { } error ? ProofResult.Fail(error) : new ProofResult(content, mediaType, null);
    }

    /// <summary>A signature drawn on the screen (PNG data URL), checked, not stored.</summary>
    public ProofResult ReadSignature(string? dataUrl)
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
        if (!Convert.TryFromBase64String(dataUrl[DataUrlPrefix.Length..], bytes, out var written) || MediaTypeOf(bytes.AsSpan(0, written)) != "image/png")
        {
            return ProofResult.Fail(ProofError.UnsupportedType);
        }

        var png = bytes[..written];
        return ProofCheck.Signature(png) is { } error ? ProofResult.Fail(error) : new ProofResult(png, "image/png", null);
    }

    /// <summary>Writes a checked proof; returns its blob id (the proof reference).</summary>
    public Task<string> StoreAsync(ProofResult proof, CancellationToken cancellationToken) =>
        blobs.PutAsync(proof.Content ?? throw new InvalidOperationException("Only a checked proof is stored."), cancellationToken);

    /// <summary>Reads, checks and stores an uploaded scan (renewing a link the physician already holds).</summary>
    public async Task<ProofResult> StoreUploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var proof = await ReadUploadAsync(file, cancellationToken);
        return proof.Error is null ? proof with { BlobId = await StoreAsync(proof, cancellationToken) } : proof;
    }

    /// <summary>PDF, JPEG or PNG by magic bytes; null for anything else.</summary>
    public static string? MediaTypeOf(ReadOnlySpan<byte> head) =>
        head.StartsWith("%PDF-"u8) ? "application/pdf"
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : null;
}

/// <summary>A checked proof in memory (<see cref="Content"/>), or why it was refused; <see cref="BlobId"/> once stored.</summary>
internal sealed record ProofResult(byte[]? Content, string? MediaType, ProofError? Error)
{
    public string? BlobId { get; init; }

    public static ProofResult Fail(ProofError error) => new(null, null, error);
}

internal enum ProofError
{
    Missing,
    TooLarge,
    UnsupportedType,

    /// <summary>Not decodable past its first bytes (damaged, truncated, or only a header).</summary>
    Unreadable,

    /// <summary>An image too small or not page-shaped, or a PDF with no page of paper size.</summary>
    NotAPage,

    /// <summary>A drawing that is not a signature: wrong size, blank, or filled.</summary>
    NotASignature,
}
