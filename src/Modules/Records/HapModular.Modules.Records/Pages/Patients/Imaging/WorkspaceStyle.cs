using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Records.Pages.Patients.Imaging;

/// <summary>
/// The workspace's stylesheet, written into the page itself and allowed by its hash in the page's policy (no inline style
/// is allowed otherwise). As a linked file it held back the first image: the browser paints nothing before its
/// stylesheets, and this one was asked only once the page's HTML (the first image inside) had arrived and been parsed
/// (trace: 40–90 ms on these 2 cores, more on a practice's line). Read once at start, as the bundle it belongs to.
/// </summary>
internal sealed class WorkspaceStyle
{
    public WorkspaceStyle(IConfiguration configuration)
    {
        var path = ImagingAssets.Folder(configuration) is { } folder ? Path.Combine(folder, "workspace.css") : null;
        Text = path is not null && File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
        // CSP Level 3: the hash of the element's text as UTF-8, exactly as the page writes it.
        ContentSecurityPolicy = ImagingAssets.Policy(Text is null ? null : "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Text))) + "'");
    }

    /// <summary>The stylesheet's text; null when the bundle was not built (the workspace cannot run then anyway).</summary>
    public string? Text { get; }

    /// <summary>The workspace page's policy: the assets' one, plus this stylesheet's hash.</summary>
    public string ContentSecurityPolicy { get; }
}
