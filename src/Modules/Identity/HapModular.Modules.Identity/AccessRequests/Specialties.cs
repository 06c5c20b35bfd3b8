namespace HapModular.Modules.Identity.AccessRequests;

/// <summary>
/// Specialties a physician may choose (resource keys <c>Specialty_{key}</c>). The INAMI qualification digits decide
/// where they are known: 003/004 is a recognised general practitioner (DOMAIN.md R9).
/// </summary>
internal static class Specialties
{
    public static readonly IReadOnlyList<string> All =
    [
        "general-practice", "cardiology", "pneumology", "gastroenterology", "internal-medicine", "pediatrics", "gynecology",
        "surgery", "orthopedics", "neurology", "psychiatry", "dermatology", "ophthalmology", "oncology", "radiology", "other",
    ];

    public static string? FromQualification(string qualification) => qualification switch
    {
        "003" or "004" => "general-practice",
        _ => null,
    };
}
