using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace HapModular.SharedKernel;

/// <summary>
/// A Belgian national number (NISS/INSZ) or BIS number, validated per DOMAIN.md R9. Holds digits only.
/// <see cref="ToString"/> masks all but the last digits so that a NISS never reaches a log in clear;
/// use <see cref="Digits"/> deliberately where the clear value is needed (encryption, hashing).
/// </summary>
public readonly record struct Niss
{
    private Niss(string digits, DateOnly? birthDate, NissSex sex, bool isBis)
    {
        Digits = digits;
        BirthDate = birthDate;
        Sex = sex;
        IsBis = isBis;
    }

    /// <summary>The 11 digits, in clear. Never log this.</summary>
    public string Digits { get; }

    /// <summary>The birth date, when the number gives a full date (month and day not 00).</summary>
    public DateOnly? BirthDate { get; }

    /// <summary>The sex the number encodes, or <see cref="NissSex.Unknown"/> (BIS + 20).</summary>
    public NissSex Sex { get; }

    /// <summary>Whether this is a BIS number (month + 20 or + 40).</summary>
    public bool IsBis { get; }

    /// <summary>The number masked except its last two digits: <c>••.••.••-•••.28</c>.</summary>
    public string Masked => Digits is null ? string.Empty : "••.••.••-•••." + Digits[9..];

    /// <summary>Parses and validates a NISS or BIS number (dots, dashes and spaces are ignored).</summary>
    /// <param name="input">What the user typed.</param>
    /// <param name="niss">The number when valid.</param>
    /// <param name="error">Why it is invalid, when it is.</param>
    /// <returns>Whether the input is a valid number.</returns>
    public static bool TryParse(string? input, out Niss niss, [NotNullWhen(false)] out NissError? error)
    {
        niss = default;
        var digits = IdentifierText.DigitsOnly(input);
        if (digits is null || digits.Length != 11)
        {
            error = NissError.Length;
            return false;
        }

        var body = long.Parse(digits.AsSpan(0, 9), CultureInfo.InvariantCulture);
        var check = int.Parse(digits.AsSpan(9, 2), CultureInfo.InvariantCulture);
        var before2000 = 97 - (int)(body % 97) == check;
        var from2000 = 97 - (int)((2_000_000_000L + body) % 97) == check;
        if (!before2000 && !from2000)
        {
            error = NissError.Checksum;
            return false;
        }

        var sequence = int.Parse(digits.AsSpan(6, 3), CultureInfo.InvariantCulture);
        if (sequence is 0 or 999)
        {
            error = NissError.Sequence;
            return false;
        }

        var year = (from2000 ? 2000 : 1900) + int.Parse(digits.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var month = int.Parse(digits.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(digits.AsSpan(4, 2), CultureInfo.InvariantCulture);
        var isBis = month > 12;
        var sex = sequence % 2 == 1 ? NissSex.Male : NissSex.Female;
        if (month is >= 20 and <= 32)
        {
            month -= 20;
            sex = NissSex.Unknown;
        }
        else if (month is >= 40 and <= 52)
        {
            month -= 40;
        }

        if (month > 12 || day > 31)
        {
            error = NissError.Date;
            return false;
        }

        DateOnly? birth = null;
        if (month > 0 && day > 0)
        {
            if (day > DateTime.DaysInMonth(year, month))
            {
                error = NissError.Date;
                return false;
            }

            birth = new DateOnly(year, month, day);
        }

        niss = new Niss(digits, birth, sex, isBis);
        error = null;
        return true;
    }

    /// <summary>Parses a number known to be valid (e.g. read back from storage).</summary>
    /// <param name="digits">The 11 digits.</param>
    /// <returns>The number.</returns>
    /// <exception cref="FormatException">The number is invalid.</exception>
    public static Niss Parse(string digits) =>
        TryParse(digits, out var n, out var e) ? n : throw new FormatException("Invalid NISS: " + e);

    /// <summary>The masked form; never the digits.</summary>
    /// <returns><see cref="Masked"/>.</returns>
    public override string ToString() => Masked;
}

/// <summary>Sex as encoded by a NISS.</summary>
public enum NissSex
{
    /// <summary>Not encoded (BIS number with month + 20).</summary>
    Unknown,

    /// <summary>Odd sequence number.</summary>
    Male,

    /// <summary>Even sequence number.</summary>
    Female,
}

/// <summary>Why a NISS was refused.</summary>
public enum NissError
{
    /// <summary>Not 11 digits.</summary>
    Length,

    /// <summary>The check digits do not match (neither before nor after 2000).</summary>
    Checksum,

    /// <summary>Sequence 000 or 999, never issued.</summary>
    Sequence,

    /// <summary>The encoded date does not exist.</summary>
    Date,
}
