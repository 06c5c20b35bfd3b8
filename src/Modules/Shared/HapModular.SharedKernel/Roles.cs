namespace HapModular.SharedKernel;

/// <summary>The roles of the portal (claim values of the role claim).</summary>
public static class Roles
{
    /// <summary>An approved external physician.</summary>
    public const string Physician = "Physician";

    /// <summary>Hospital staff acting on a patient's request.</summary>
    public const string PatientDesk = "PatientDesk";

    /// <summary>Hospital administrator: approvals, users, jobs.</summary>
    public const string Admin = "Admin";

    /// <summary>Data protection officer: audit and emergency-access review, no clinical content.</summary>
    public const string Dpo = "Dpo";
}
