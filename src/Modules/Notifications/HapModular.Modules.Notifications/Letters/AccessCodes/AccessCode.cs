using System.Security.Cryptography;
using System.Text;

namespace HapModular.Modules.Notifications.Letters.AccessCodes;

/// <summary>
/// The personal code printed on a letter: 12 characters from an alphabet without look-alikes (60 bits), shown as
/// XXXX-XXXX-XXXX. Only its SHA-256 is stored: with that much entropy a plain hash cannot be reversed.
/// </summary>
internal static class AccessCode
{
    public const string Purpose = "patient-report";

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string New()
    {
        Span<char> code = stackalloc char[12];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }

    public static string Hash(string code)
    {
        var normalized = new string(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normalized)));
    }
}
