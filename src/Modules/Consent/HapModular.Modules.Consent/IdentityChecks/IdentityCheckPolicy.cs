using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Consent.IdentityChecks;

/// <summary>
/// How many failed identity checks are tolerated, like failed passwords: the birth date can be read off a NISS, so
/// the last name is the only secret and must not be guessable. <c>Consent:IdentityCheck:PerPhysician</c> failures
/// (5) per <c>PhysicianWindowMinutes</c> (60), and <c>PerPatient</c> failures (5) against one patient, from any
/// physician, per <c>PatientWindowHours</c> (24). Past either, checks are refused without being made.
/// </summary>
internal sealed class IdentityCheckPolicy(IConfiguration configuration)
{
    public int PerPhysician => Math.Max(1, configuration.GetValue("Consent:IdentityCheck:PerPhysician", 5));

    public TimeSpan PhysicianWindow => TimeSpan.FromMinutes(configuration.GetValue("Consent:IdentityCheck:PhysicianWindowMinutes", 60.0));

    public int PerPatient => Math.Max(1, configuration.GetValue("Consent:IdentityCheck:PerPatient", 5));

    public TimeSpan PatientWindow => TimeSpan.FromHours(configuration.GetValue("Consent:IdentityCheck:PatientWindowHours", 24.0));
}
