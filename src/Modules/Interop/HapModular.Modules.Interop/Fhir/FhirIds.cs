using System.Globalization;

namespace HapModular.Modules.Interop.Fhir;

/// <summary>
/// Resource ids are the portal's own ids in 32 hex digits (FHIR ids allow letters, digits, '-' and '.', at most 64):
/// stable, opaque, and never a NISS.
/// </summary>
internal static class FhirIds
{
    public static string Of(Guid id) => id.ToString("N", CultureInfo.InvariantCulture);

    /// <summary>Any id that is not one of ours answers "not found", like an id of a patient the caller may not see.</summary>
    public static bool TryParse(string? id, out Guid value) => Guid.TryParseExact(id, "N", out value) || Guid.TryParseExact(id, "D", out value);
}
