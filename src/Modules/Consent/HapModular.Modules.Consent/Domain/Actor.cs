namespace HapModular.Modules.Consent.Domain;

/// <summary>Who made a change, as they were named at the time (accounts change; history must not).</summary>
/// <param name="UserId">The user, or <see cref="Guid.Empty"/> for the system.</param>
/// <param name="Name">Display name at the time.</param>
/// <param name="Role">physician, patient-desk, admin, dpo or system.</param>
internal sealed record Actor(Guid UserId, string Name, string Role)
{
    public static readonly Actor System = new(Guid.Empty, "HapModular", ActorRoles.System);
}

internal static class ActorRoles
{
    public const string Physician = "physician";
    public const string PatientDesk = "patient-desk";
    public const string Admin = "admin";
    public const string Dpo = "dpo";
    public const string System = "system";
    public const string Patient = "patient";
}
