namespace HapModular.Modules.Consent.Domain;

/// <summary>Break-the-glass access granted for one patient until <see cref="ExpiresAt"/> (R5).</summary>
internal sealed record EmergencyAccessGranted(
    Guid PatientId, Guid PhysicianUserId, string PhysicianInami, string PhysicianName, string Category, string Justification, DateTimeOffset ExpiresAt, DateTimeOffset At, Actor By);

/// <summary>The DPO's review of a grant.</summary>
internal sealed record EmergencyAccessReviewed(bool Justified, string? Comment, DateTimeOffset At, Actor By);

internal static class EmergencyCategories
{
    public const string Unconscious = "unconscious";
    public const string EmergencyCare = "emergency-care";
    public const string OutOfHours = "out-of-hours";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Unconscious, EmergencyCare, OutOfHours, Other];
}
