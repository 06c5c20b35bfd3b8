namespace HapModular.Modules.Shared;

/// <summary>
/// Rate-limiting policies the host defines, for pages to name with <c>[EnableRateLimiting(...)]</c>.
/// </summary>
public static class RateLimits
{
    /// <summary>
    /// Pages where anyone types a letter's personal code and a birth date (the patient's access report, the patient's
    /// own requests): POSTs limited per client address (<c>Hap:RateLimits:PatientCode:Permits</c>, 10, per
    /// <c>WindowMinutes</c>, 15), so codes cannot be guessed at speed; reading the page is not limited. Answer 429.
    /// </summary>
    public const string PatientCode = "patient-code";
}
