namespace HapModular.Modules.Consent.Domain;

/// <summary>The link types of R2 and the proof types a link may carry.</summary>
internal static class LinkTypes
{
    public const string Consultation = "consultation";
    public const string Gmd = "gmd";
    public const string Referral = "referral";
    public const string Hospitalisation = "hospitalisation";
    public const string Emergency = "emergency";
    public const string PatientDeclared = "patient-declared";

    public static readonly IReadOnlyList<string> All = [Consultation, Gmd, Referral, Hospitalisation, Emergency, PatientDeclared];

    /// <summary>R2 default durations in months.</summary>
    public static int DefaultMonths(string type) => type switch
    {
        Consultation or PatientDeclared => 15,
        Gmd => 12,
        Referral or Hospitalisation => 3,
        Emergency => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown link type"),
    };
}

internal static class ProofTypes
{
    public const string SignedForm = "signed-form";
    public const string EidRead = "eid-read";
    public const string EidCardNumber = "eid-card-number";
    public const string Gmd = "gmd";
    public const string Referral = "referral";
    public const string PatientDeclared = "patient-declared";

    public static readonly IReadOnlyList<string> All = [SignedForm, EidRead, EidCardNumber, Gmd, Referral, PatientDeclared];
}
