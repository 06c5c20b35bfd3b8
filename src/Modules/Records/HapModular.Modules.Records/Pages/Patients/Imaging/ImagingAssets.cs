using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Pages.Patients.Imaging;

/// <summary>
/// The workspace's bundle (Cornerstone3D + our code, built by esbuild into <c>artifacts/imaging</c> at build time) and
/// its WebAssembly codecs, served by the portal itself: no CDN at run time. No patient data here.
/// </summary>
internal static class ImagingAssets
{
    /// <summary>
    /// The workspace's policy: the portal's strict one plus 'wasm-unsafe-eval' (WebAssembly compilation of the codecs,
    /// in the page and in the decoding worker; it allows no JavaScript eval) and workers from the portal itself.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
        "font-src 'self'; connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".wasm"] = "application/wasm",
    };

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/imaging/assets/{file:regex(^[A-Za-z0-9_-]+\\.(js|css|wasm)$)}", (string file, HttpContext http) =>
        {
            var folder = Folder(http.RequestServices.GetRequiredService<IConfiguration>());
            var path = folder is null ? null : Path.Combine(folder, file);
            if (path is null || !File.Exists(path))
            {
                return Results.NotFound();
            }

            http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.File(path, Types[Path.GetExtension(file)], enableRangeProcessing: false);
        }).AllowAnonymous().ExcludeFromDescription();

    /// <summary><c>Hap:ImagingAssets</c>, else <c>artifacts/imaging</c> found upwards from the program (as the plugins folder).</summary>
    private static string? Folder(IConfiguration configuration)
    {
        if (configuration["Hap:ImagingAssets"] is { Length: > 0 } configured)
        {
            return configured;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "artifacts", "imaging");
                if (File.Exists(Path.Combine(candidate, "workspace.js")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
