namespace HapModular.Modules.Consent.Domain;

/// <summary>Consent to electronic sharing given (R3), recorded by patient-desk staff.</summary>
/// <param name="Method"><c>signed</c> (form scanned) or <c>oral</c>.</param>
internal sealed record ConsentGiven(Guid PatientId, string Method, string? ProofReference, string? RequestReference, DateTimeOffset At, Actor By);

/// <summary>Consent withdrawn: every external access stops at once.</summary>
internal sealed record ConsentRevoked(Guid PatientId, string? RequestReference, DateTimeOffset At, Actor By);

/// <summary>The patient died.</summary>
internal sealed record ConsentDeceased(Guid PatientId, string? RequestReference, DateTimeOffset At, Actor By);

internal static class ConsentMethods
{
    public const string Signed = "signed";
    public const string Oral = "oral";
}
