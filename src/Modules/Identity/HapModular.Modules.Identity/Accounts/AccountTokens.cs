using System.Security.Cryptography;
using System.Text;

namespace HapModular.Modules.Identity.Accounts;

/// <summary>
/// A one-time link (enrolment or password reset). Only the SHA-256 of the token is stored, so a database reader
/// cannot use a pending link.
/// </summary>
internal sealed class AccountToken
{
    /// <summary>Hex SHA-256 of the token sent by e-mail.</summary>
    public string Id { get; set; } = string.Empty;

    public Guid AccountId { get; set; }

    public TokenPurpose Purpose { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>Wrong authenticator codes given with this link; at <c>ResetPasswordByLink.MaxWrongCodes</c> the link is spent.</summary>
    public int WrongCodes { get; set; }

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What a one-time link is for.</summary>
internal enum TokenPurpose
{
    Enrolment,
    PasswordReset,
}
