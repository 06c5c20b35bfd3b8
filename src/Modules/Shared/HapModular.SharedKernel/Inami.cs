using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace HapModular.SharedKernel;

/// <summary>
/// A physician's INAMI/RIZIV number, validated per DOMAIN.md R9: 11 digits, profession digit 1, check digits
/// modulo 97 (older numbers) or 89 (issued since 2019) on the first six. The first 8 digits identify the person;
/// the last 3 are a qualification that changes during a career.
/// </summary>
public readonly record struct Inami
{
    private Inami(string digits) => Digits = digits;

    /// <summary>The 11 digits.</summary>
    public string Digits { get; }

    /// <summary>The person's identity: digits 1–8. Exclusions and duplicates match on this.</summary>
    public string Identity => Digits[..8];

    /// <summary>The qualification code, digits 9–11 (000 none yet, 003/004 GP, others specialties).</summary>
    public string Qualification => Digits[8..];

    /// <summary>Printed form <c>1-83347-80-004</c>.</summary>
    public string Formatted => $"{Digits[0]}-{Digits[1..6]}-{Digits[6..8]}-{Digits[8..]}";

    /// <summary>Parses and validates an INAMI number (dots, dashes, slashes and spaces are ignored).</summary>
    /// <param name="input">What the user typed.</param>
    /// <param name="inami">The number when valid.</param>
    /// <param name="error">Why it is invalid, when it is.</param>
    /// <returns>Whether the input is a valid physician number.</returns>
    public static bool TryParse(string? input, out Inami inami, [NotNullWhen(false)] out InamiError? error)
    {
        inami = default;
        var digits = IdentifierText.DigitsOnly(input);
        if (digits is null || digits.Length != 11)
        {
            error = InamiError.Length;
            return false;
        }

        var first6 = int.Parse(digits.AsSpan(0, 6), CultureInfo.InvariantCulture);
        var check = int.Parse(digits.AsSpan(6, 2), CultureInfo.InvariantCulture);
        if (97 - (first6 % 97) != check && 89 - (first6 % 89) != check)
        {
            error = InamiError.Checksum;
            return false;
        }

        if (digits[0] != '1')
        {
            error = InamiError.NotAPhysician;
            return false;
        }

        inami = new Inami(digits);
        error = null;
        return true;
    }

    /// <summary>Parses a number known to be valid.</summary>
    /// <param name="digits">The 11 digits.</param>
    /// <returns>The number.</returns>
    /// <exception cref="FormatException">The number is invalid.</exception>
    public static Inami Parse(string digits) =>
        TryParse(digits, out var n, out var e) ? n : throw new FormatException("Invalid INAMI: " + e);

    /// <inheritdoc />
    public override string ToString() => Digits is null ? string.Empty : Formatted;
}

/// <summary>Why an INAMI number was refused.</summary>
public enum InamiError
{
    /// <summary>Not 11 digits.</summary>
    Length,

    /// <summary>The check digits match neither modulo 97 nor modulo 89.</summary>
    Checksum,

    /// <summary>The profession digit is not 1 (physician).</summary>
    NotAPhysician,
}
