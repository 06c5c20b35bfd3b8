namespace HapModular.Modules.Interop.Smart;

/// <summary>The SMART App Launch scopes this portal grants: the EHR launch, patient-level reads, OpenID Connect.</summary>
internal static class SmartScopes
{
    public const string Launch = "launch";
    public const string LaunchPatient = "launch/patient";
    public const string OpenId = "openid";
    public const string FhirUser = "fhirUser";

    /// <summary>SMART v1 spelling of "read everything of the launch patient".</summary>
    public const string PatientRead = "patient/*.read";

    /// <summary>SMART v2 spelling (read + search).</summary>
    public const string PatientReadSearch = "patient/*.rs";

    public static readonly string[] All = [OpenId, FhirUser, Launch, LaunchPatient, PatientRead, PatientReadSearch];

    public static bool GrantRead(IEnumerable<string> scopes) => scopes.Any(s => s is PatientRead or PatientReadSearch);
}
