using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Shared;

/// <summary>What the host tells every module at start-up.</summary>
/// <param name="Configuration">The host configuration (modules read their own section, e.g. <c>Consent:*</c>).</param>
/// <param name="ConnectionString">The module's PostgreSQL connection: its own role, rights on its own schema only.</param>
/// <param name="DataDirectory">The host's data folder (blobs, letters, keys), absolute.</param>
/// <param name="IsDevelopment">Whether the host runs in Development (demo data, mail pickup folder).</param>
public sealed record ModuleContext(IConfiguration Configuration, string ConnectionString, string DataDirectory, bool IsDevelopment)
{
    /// <summary>
    /// Whether the host runs the demo (<c>--demo</c>, build/run.sh) — in Production too: generated keys under the data
    /// folder and the mail pickup folder, as in Development, but the portal's own error pages.
    /// </summary>
    public bool IsDemo { get; init; }

    /// <summary>The portal's public address, the base of every link it sends (see <see cref="PublicAddress"/>).</summary>
    public Uri PublicBaseUrl { get; init; } = new(PublicAddress.DevelopmentDefault);

    /// <summary>
    /// The connection that owns the database, for start-up DDL of tables the module's own role must not be able to
    /// alter (the append-only audit table). Never for run-time work: <see cref="ConnectionString"/> is the module's
    /// own role, with rights on its own schema only. Equal to it when the host could not create per-module roles.
    /// </summary>
    public string OwnerConnectionString { get; init; } = ConnectionString;
}
