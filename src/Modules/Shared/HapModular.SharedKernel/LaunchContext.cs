namespace HapModular.SharedKernel;

/// <summary>The SMART App Launch context a token carries (issued by Interop, read by the host and the one guard).</summary>
public static class LaunchContext
{
    /// <summary>Claim type of the patient id (the portal's) a SMART access token was issued for.</summary>
    public const string PatientClaim = "patient";
}
