using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace HapModular.Modules.Records.Pages.Patients.Imaging;

/// <summary>
/// One file of the workspace's bundle folder, with the Brotli and gzip copies the build wrote beside it (build.mjs):
/// the 4 MB bundle travels as ~0.9 MB to a browser that accepts Brotli, ~1.2 MB with gzip.
/// </summary>
internal sealed record Asset(string Path, string ContentType, string? Brotli, string? Gzip)
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".wasm"] = "application/wasm",
    };

    /// <summary>The servable files of <paramref name="folder"/> by name: scripts, stylesheets and WebAssembly only.</summary>
    public static Dictionary<string, Asset> List(string folder, ILogger logger)
    {
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return assets;
        }

        foreach (var path in Directory.EnumerateFiles(folder))
        {
            if (Types.TryGetValue(System.IO.Path.GetExtension(path), out var type))
            {
                var bytes = File.ReadAllBytes(path);
                assets[System.IO.Path.GetFileName(path)] = new Asset(
                    path,
                    type,
                    Compressed(path, ".br", bytes, s => new BrotliStream(s, CompressionMode.Decompress), logger),
                    Compressed(path, ".gz", bytes, s => new GZipStream(s, CompressionMode.Decompress), logger));
            }
        }

        return assets;
    }

    /// <summary>The file to send and its Content-Encoding (null: as is), by the request's Accept-Encoding and q-values.</summary>
    public (string Path, string? Encoding) For(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        if (Brotli is not null && Accepts(accepted, "br"))
        {
            return (Brotli, "br");
        }

        return Gzip is not null && Accepts(accepted, "gzip") ? (Gzip, "gzip") : (Path, null);
    }

    /// <summary>RFC 9110 §12.5.3: the coding's own q-value if listed, else the wildcard's; q=0 means "not acceptable".</summary>
    private static bool Accepts(IList<StringWithQualityHeaderValue> accepted, string coding)
    {
        var named = accepted.FirstOrDefault(a => a.Value.Equals(coding, StringComparison.OrdinalIgnoreCase));
        var chosen = named ?? accepted.FirstOrDefault(a => a.Value.Equals("*", StringComparison.Ordinal));
        return chosen is not null && (chosen.Quality ?? 1) > 0;
    }

    /// <summary>
    /// A compressed copy only if it decodes to the file, checked once at start (tens of milliseconds for the whole
    /// bundle): a bundle rebuilt or copied without its copies is sent as is, never with an old copy's content. File
    /// times would not tell: a deployment's copy gives every file a new time, in any order.
    /// </summary>
    private static string? Compressed(string path, string suffix, byte[] original, Func<Stream, Stream> decoder, ILogger logger)
    {
        var copy = path + suffix;
        if (!File.Exists(copy))
        {
            return null;
        }

        using var decoded = new MemoryStream(original.Length);
        try
        {
            using var stream = decoder(File.OpenRead(copy));
            stream.CopyTo(decoded);
        }
        catch (InvalidDataException)
        {
            // Handled below: a copy that cannot be decoded is as stale as one that decodes to something else.
        }

        if (decoded.Length == original.Length && decoded.GetBuffer().AsSpan(0, original.Length).SequenceEqual(original))
        {
            return copy;
        }

        logger.LogWarning("The imaging workspace's {Copy} does not match {File}: the file is sent uncompressed", System.IO.Path.GetFileName(copy), System.IO.Path.GetFileName(path));
        return null;
    }
}
