using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Interop.Smart;

/// <summary>
/// The GP software registered with the portal (<c>Interop:Smart:Clients:{n}:ClientId|Name|Secret|RedirectUris:{m}</c>):
/// each redirect URI is matched exactly, character for character. A client with a secret may create launches
/// (<c>POST /smart/launch</c>) and must present it at the token endpoint; one without is a public client (PKCE only).
/// </summary>
internal sealed class SmartClients(IReadOnlyList<SmartClient> clients)
{
    public IReadOnlyList<SmartClient> All { get; } = clients;

    public static SmartClients From(IConfiguration configuration) => new(
        configuration.GetSection("Interop:Smart:Clients").GetChildren()
            .Select(c => new SmartClient(
                c["ClientId"] ?? throw new InvalidOperationException($"{c.Path}:ClientId is missing."),
                c["Name"] ?? c["ClientId"]!,
                string.IsNullOrEmpty(c["Secret"]) ? null : c["Secret"],
                c.GetSection("RedirectUris").GetChildren().Select(u => u.Value!).Where(u => !string.IsNullOrEmpty(u)).ToList()))
            .ToList());

    public SmartClient? Find(string? clientId) => clientId is null ? null : All.FirstOrDefault(c => c.ClientId == clientId);
}

/// <summary>One registered client.</summary>
internal sealed record SmartClient(string ClientId, string Name, string? Secret, IReadOnlyList<string> RedirectUris)
{
    public bool Redirects(string? uri) => uri is not null && RedirectUris.Contains(uri, StringComparer.Ordinal);

    /// <summary>The secret, compared in fixed time; a public client has none to present.</summary>
    public bool Proves(string? secret) => Secret is not null && secret is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), SHA256.HashData(Encoding.UTF8.GetBytes(Secret)));
}
