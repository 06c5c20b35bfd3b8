using HapModular.Modules.Records.Patients;
using HapModular.Viewers;

namespace HapModular.Modules.Records.Documents;

/// <summary>
/// Does the patient a file names match the patient it was filed under? Names are compared as a desk agent reads them:
/// word by word, in any order, without case, accents or punctuation, "^" read as a separator; one side may hold
/// fewer words (a middle name, a second family name). Birth dates must be equal when both are given. The identifier
/// is shown but not compared: a file's id is another system's number.
/// </summary>
internal static class IdentityChecks
{
    public const string Match = "match";
    public const string Mismatch = "mismatch";

    /// <summary><see cref="Match"/>, <see cref="Mismatch"/>, or null when the file names nobody by name or birth date.</summary>
    public static string? Compare(FileIdentity? file, string firstName, string lastName, DateOnly birthDate)
    {
        if (file is null || (string.IsNullOrWhiteSpace(file.Name) && file.BirthDate is null))
        {
            return null;
        }

        if (file.BirthDate is { } born && born != birthDate)
        {
            return Mismatch;
        }

        if (string.IsNullOrWhiteSpace(file.Name))
        {
            return Match;
        }

        var inFile = Words(file.Name);
        var inRecord = new HashSet<string>(NameKey.Words(firstName, lastName).Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        return inFile.Count > 0 && (inFile.IsSubsetOf(inRecord) || inRecord.IsSubsetOf(inFile)) ? Match : Mismatch;
    }

    /// <summary>The words of a file's name: PN/XPN components family^given^middle (prefix and suffix left out), or free text.</summary>
    public static HashSet<string> Words(string name)
    {
        // DICOM PN: the alphabetic group comes before any '=' (ideographic, phonetic groups).
        var alphabetic = name.Split('=')[0];
        var components = alphabetic.Split('^');
        var used = components.Length > 1 ? components.Take(3) : components;
        return new HashSet<string>(
            used.SelectMany(c => c.Split([' ', ',', '-', '\'', '.'], StringSplitOptions.RemoveEmptyEntries)).Select(NameKey.Of).Where(w => w.Length > 0),
            StringComparer.Ordinal);
    }

    /// <summary>A file's name for display: "FAMILY Given Middle" from PN/XPN components, or as written.</summary>
    public static string Display(string name)
    {
        var components = name.Split('=')[0].Split('^');
        if (components.Length == 1)
        {
            return name.Trim();
        }

        var given = string.Join(' ', components.Skip(1).Take(2).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()));
        return (components[0].Trim().ToUpperInvariant() + " " + given).Trim();
    }
}
