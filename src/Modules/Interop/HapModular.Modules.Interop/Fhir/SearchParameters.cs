using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace HapModular.Modules.Interop.Fhir;

/// <summary>The search parameters every FHIR search here shares: the patient reference and the paging numbers.</summary>
internal static class SearchParameters
{
    /// <summary>The patient named by <c>patient</c> (or <c>subject</c>): <c>Patient/{id}</c> or the bare id; null when absent.</summary>
    public static string? PatientReference(IQueryCollection query) =>
        query.TryGetValue("patient", out var p) ? p.ToString() : query.TryGetValue("subject", out var s) ? s.ToString() : null;

    /// <summary>The portal id in a patient reference; false for anything that is not one of ours (the search then finds nothing).</summary>
    public static bool TryPatientId(string reference, out Guid patientId) =>
        FhirIds.TryParse(reference.StartsWith("Patient/", StringComparison.Ordinal) ? reference["Patient/".Length..] : reference, out patientId);

    /// <summary><c>_count</c> (capped at <paramref name="max"/>) and <c>_getpagesoffset</c>; false with a message when not whole numbers from 0.</summary>
    public static bool TryPaging(IQueryCollection query, int defaultCount, int max, out int count, out int offset, out string? error)
    {
        var valid = TryNumber(query, "_count", defaultCount, out count) & TryNumber(query, "_getpagesoffset", 0, out offset);
        count = Math.Min(count, max);
        error = valid ? null : "_count and _getpagesoffset must be whole numbers from 0.";
        return valid;
    }

    private static bool TryNumber(IQueryCollection query, string name, int fallback, out int value)
    {
        value = fallback;
        return !query.TryGetValue(name, out var raw) || (int.TryParse(raw.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 0);
    }
}
