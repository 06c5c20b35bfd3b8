using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
    public static readonly string ContentSecurityPolicy = Policy(null, null);

    /// <summary>
    /// The policy with one more allowed stylesheet and one more allowed script, by their hashes (the workspace page's own,
    /// WorkspaceInline).
    /// </summary>
    public static string Policy(string? styleHash, string? scriptHash) =>
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" + (scriptHash is null ? string.Empty : " " + scriptHash) + "; worker-src 'self'; style-src 'self'" + (styleHash is null ? string.Empty : " " + styleHash) + "; img-src 'self' data: blob:; " +
        "font-src 'self'; connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The files are listed once, when the host starts (a deployment's bundle does not change under a running host), so
    /// a request is one dictionary lookup: no file-name pattern, no folder walk. The route used to check the name with a
    /// regular expression and to look for the folder on every request, and the first request after a start took ~130 ms —
    /// the workspace's stylesheet, which holds back the page's first paint.
    /// </summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var folder = Folder(endpoints.ServiceProvider.GetRequiredService<IConfiguration>());
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ImagingAssets));
        var assets = folder is null ? new Dictionary<string, Asset>() : Asset.List(folder, logger);
        endpoints.MapGet("/imaging/assets/{file}", (string file, HttpContext http) =>
        {
            if (!assets.TryGetValue(file, out var asset))
            {
                return Results.NotFound();
            }

            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.CacheControl = "public, max-age=3600";
            headers.Vary = "Accept-Encoding";
            var (path, encoding) = asset.For(http.Request);
            if (encoding is not null)
            {
                headers.ContentEncoding = encoding;
            }

            return Results.File(path, asset.ContentType, enableRangeProcessing: false);
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>
    /// <c>Hap:ImagingAssets</c>, else <c>imaging</c> beside the program (a published portal, build/publish.sh), else
    /// <c>artifacts/imaging</c> found upwards from the program (a build output in the checkout).
    /// </summary>
    public static string? Folder(IConfiguration configuration)
    {
        if (configuration["Hap:ImagingAssets"] is { Length: > 0 } configured)
        {
            return configured;
        }

        var published = Path.Combine(AppContext.BaseDirectory, "imaging");
        if (File.Exists(Path.Combine(published, "workspace.js")))
        {
            return published;
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
