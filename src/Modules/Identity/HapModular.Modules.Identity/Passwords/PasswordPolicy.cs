namespace HapModular.Modules.Identity.Passwords;

/// <summary>
/// NIST SP 800-63B: long passwords, no composition rules, refused when they appear in a list of common or
/// breached passwords (embedded, compared case-insensitively) or repeat one character.
/// </summary>
internal static class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    /// <summary>Null when acceptable, else the resource key of the message to show next to the field.</summary>
    public static string? Check(string? password, string? email = null)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            return "PasswordTooShort";
        }

        if (password.Length > MaximumLength)
        {
            return "PasswordTooLong";
        }

        var lower = password.ToLowerInvariant();
        if (Common.Value.Contains(lower) || lower.Distinct().Count() <= 3)
        {
            return "PasswordTooCommon";
        }

        var local = email?.Split('@')[0].ToLowerInvariant();
        return local is { Length: >= 4 } && lower.Contains(local, StringComparison.Ordinal) ? "PasswordContainsEmail" : null;
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("HapModular.Modules.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
