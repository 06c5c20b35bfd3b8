using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Shared;

/// <summary>What the host tells every module at start-up.</summary>
/// <param name="Configuration">The host configuration (modules read their own section, e.g. <c>Consent:*</c>).</param>
/// <param name="ConnectionString">The PostgreSQL connection string (embedded server or configured).</param>
/// <param name="DataDirectory">The host's data folder (blobs, letters, keys), absolute.</param>
/// <param name="IsDevelopment">Whether the host runs in Development (demo data, mail pickup folder).</param>
public sealed record ModuleContext(IConfiguration Configuration, string ConnectionString, string DataDirectory, bool IsDevelopment)
{
    /// <summary>The portal's public address, the base of every link it sends (see <see cref="PublicAddress"/>).</summary>
    public Uri PublicBaseUrl { get; init; } = new(PublicAddress.DevelopmentDefault);
}
