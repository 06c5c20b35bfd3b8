using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Shared;

/// <summary>What the host tells every module at start-up.</summary>
/// <param name="Configuration">The host configuration (modules read their own section, e.g. <c>Consent:*</c>).</param>
/// <param name="ConnectionString">The PostgreSQL connection string (embedded server or configured).</param>
/// <param name="DataDirectory">The host's data folder (blobs, letters, keys), absolute.</param>
/// <param name="IsDevelopment">Whether the host runs in Development (demo data, mail pickup folder).</param>
public sealed record ModuleContext(IConfiguration Configuration, string ConnectionString, string DataDirectory, bool IsDevelopment)
{
    /// <summary>
    /// Whether the host runs the demo (<c>--demo</c>, build/run.sh) — in Production too: generated keys under the data
    /// folder and the mail pickup folder, as in Development, but the portal's own error pages.
    /// </summary>
    public bool IsDemo { get; init; }
}
