using System.Security.Cryptography;
using System.Text;

namespace HapModular.Modules.Identity.AccessTokens;

/// <summary>
/// A physician's personal access token for a desktop viewer or another standard client: read-only, revocable, with an
/// end date. Only the SHA-256 of the secret is stored (the secret has 256 random bits, so a slow hash adds nothing);
/// the physician sees the secret once, when it is created.
/// </summary>
internal sealed class PersonalAccessToken
{
    /// <summary>The secret's prefix: a scanner (or a person) recognises a leaked portal token.</summary>
    public const string Prefix = "hap_pat_";

    /// <summary>The only scope there is: reading what the physician may read in the portal.</summary>
    public const string ReadScope = "read";

    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>The physician's own label ("Weasis cabinet").</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Hex SHA-256 of the secret.</summary>
    public string TokenHash { get; set; } = string.Empty;

    /// <summary>The first characters of the secret, shown in the list so the physician can tell tokens apart.</summary>
    public string Hint { get; set; } = string.Empty;

    public string Scope { get; set; } = ReadScope;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
