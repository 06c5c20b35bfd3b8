using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Records.Pages.Patients.Imaging;

/// <summary>
/// The workspace's stylesheet and its boot script, written into the page itself and allowed by their hashes in the
/// page's policy (no other inline style or script is allowed). As linked files they held back the first image: the
/// browser paints nothing before its stylesheets, and the boot script (a classic script at the end of the body) held the
/// parser, hence the first layout, until it had arrived — each asked only once the page's HTML had arrived and been
/// parsed (trace: 40–90 ms for the stylesheet, 44 ms for the script, on these 2 cores; more on a practice's line).
/// Read once at start, as the bundle they belong to.
/// </summary>
internal sealed class WorkspaceInline
{
    public WorkspaceInline(IConfiguration configuration)
    {
        var folder = ImagingAssets.Folder(configuration);
        Style = Read(folder, "workspace.css");
        Boot = Read(folder, "boot.js");
        ContentSecurityPolicy = ImagingAssets.Policy(Hash(Style), Hash(Boot));
    }

    /// <summary>The stylesheet's text; null when the bundle was not built (the workspace cannot run then anyway).</summary>
    public string? Style { get; }

    /// <summary>
    /// The boot script's text (the study's first requests, then the bundle once the first image is on screen); null when
    /// the bundle was not built, or when its text could close the script element early (never for esbuild's output).
    /// </summary>
    public string? Boot { get; }

    /// <summary>The workspace page's policy: the assets' one, plus the stylesheet's and the boot script's hashes.</summary>
    public string ContentSecurityPolicy { get; }

    private static string? Read(string? folder, string file)
    {
        var path = folder is null ? null : Path.Combine(folder, file);
        var text = path is not null && File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
        // Written as is into <style> or <script>: a closing tag inside would end the element there.
        return text is not null && (text.Contains("</script", StringComparison.OrdinalIgnoreCase) || text.Contains("</style", StringComparison.OrdinalIgnoreCase)) ? null : text;
    }

    // CSP Level 3: the hash of the element's text as UTF-8, exactly as the page writes it.
    private static string? Hash(string? text) => text is null ? null : "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text))) + "'";
}
