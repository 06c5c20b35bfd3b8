namespace HapModular.Modules.Consent.Domain;

/// <summary>Why a physician ends a link (kept in <see cref="LinkRevoked"/>): chosen on the confirmation step.</summary>
internal static class EndReasons
{
    public const string CareEnded = "care-ended";
    public const string PatientLeft = "patient-left";
    public const string DeclaredInError = "declared-in-error";
    public const string Other = "other-reason";

    public static readonly IReadOnlyList<string> All = [CareEnded, PatientLeft, DeclaredInError, Other];
}
