namespace HapModular.Modules.Interop.Fhir.Documents;

/// <summary>
/// The record's document kinds as a FHIR code system (<c>DocumentReference.category</c>): the same codes as the
/// timeline's filter, with their display in the hospital's language.
/// </summary>
internal static class DocumentCategories
{
    public const string System = "urn:hapmodular:document-kind";

    public static readonly IReadOnlyDictionary<string, string> Display = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["report"] = "Compte rendu",
        ["imaging"] = "Imagerie",
        ["device-report"] = "Rapport d'appareil",
        ["photo"] = "Photo",
        ["lab"] = "Laboratoire",
        ["other"] = "Autre",
    };
}
