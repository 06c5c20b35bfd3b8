using System.Globalization;
using System.Text;

namespace HapModular.Modules.Records.Patients;

/// <summary>Names compared the way a desk agent reads them: no case, no accents, no spaces or hyphens.</summary>
internal static class NameKey
{
    public static string Of(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        // Letters with no decomposition (ß, Æ, Ø…) fold the same way on both sides, so they compare equal too.
        return builder.ToString().Replace("ß", "SS", StringComparison.Ordinal);
    }

    /// <summary>Words normalised one by one and joined with a space (for fragment search).</summary>
    public static string Words(params string[] parts) =>
        string.Join(' ', parts.SelectMany(p => (p ?? string.Empty).Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries)).Select(Of).Where(w => w.Length > 0));
}
