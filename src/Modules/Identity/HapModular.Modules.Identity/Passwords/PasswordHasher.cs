using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Cryptography.KeyDerivation;

namespace HapModular.Modules.Identity.Passwords;

/// <summary>
/// PBKDF2-HMAC-SHA512 (OWASP: ≥ 210 000 iterations), stored as <c>pbkdf2-sha512$iterations$salt$hash</c> so the
/// cost can rise later without invalidating older hashes.
/// </summary>
internal sealed class PasswordHasher(int iterations)
{
    private const string Prefix = "pbkdf2-sha512";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>
    /// One activity per key derivation (tag <c>rounds</c>), created only when someone listens: tests compare the work a
    /// sign-in does for a known and an unknown account instead of its wall-clock time.
    /// </summary>
    internal static readonly ActivitySource Work = new("HapModular.Identity.Passwords");

    // Unknown accounts are checked against this, so they cost the same time as known ones.
    private readonly Lazy<string> dummy = new(() => Hash(Guid.NewGuid().ToString(), iterations));

    public string Hash(string password) => Hash(password, iterations);

    public bool Verify(string stored, string password)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Prefix || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rounds))
        {
            return false;
        }

        var expected = Convert.FromBase64String(parts[3]);
        var actual = Derive(password, Convert.FromBase64String(parts[2]), rounds, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the same time as <see cref="Verify"/> and always fails.</summary>
    public bool VerifyDummy(string password)
    {
        Verify(dummy.Value, password);
        return false;
    }

    private static string Hash(string password, int rounds)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, rounds, HashBytes);
        return string.Join('$', Prefix, rounds.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    private static byte[] Derive(string password, byte[] salt, int rounds, int length)
    {
        using var activity = Work.StartActivity("pbkdf2");
        activity?.SetTag("rounds", rounds);
        return KeyDerivation.Pbkdf2(password, salt, KeyDerivationPrf.HMACSHA512, rounds, length);
    }
}
