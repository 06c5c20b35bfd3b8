using System.Security.Cryptography;
using System.Text;

namespace HapModular.Modules.Identity.Totp;

/// <summary>
/// Ten one-time codes for a lost phone. Each has 50 bits of randomness, so a plain SHA-256 is enough to store them
/// (no dictionary to attack); a used code is removed.
/// </summary>
internal static class RecoveryCodes
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static IReadOnlyList<string> Generate(int count = 10) =>
        Enumerable.Range(0, count).Select(_ => New()).ToList();

    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(Normalize(code))));

    /// <summary>Whether the input looks like a recovery code rather than a TOTP code.</summary>
    public static bool LooksLikeOne(string? input) => Normalize(input).Length == 10;

    public static string Normalize(string? input) =>
        new((input ?? string.Empty).ToUpperInvariant().Where(c => Alphabet.Contains(c, StringComparison.Ordinal)).ToArray());

    private static string New()
    {
        var chars = new char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
    }
}
