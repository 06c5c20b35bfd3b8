using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Notifications.Letters;

/// <summary>
/// <c>Notifications:Letters:*</c>: the letterhead (hospital name, address lines, phone), the portal address printed for
/// the patient's report, and how long an access code lives (90 days).
/// </summary>
internal sealed class LetterSettings(IConfiguration configuration)
{
    public string Hospital => configuration["Notifications:Letters:Hospital"] ?? "CHU Ambroise Paré";

    public IReadOnlyList<string> HospitalAddress =>
        configuration.GetSection("Notifications:Letters:HospitalAddress").Get<string[]>() ?? ["Boulevard Kennedy 2", "7000 Mons"];

    public string DeskPhone => configuration["Notifications:Letters:DeskPhone"] ?? "065 41 40 00";

    public string PortalUrl => configuration["Notifications:Letters:PortalUrl"] ?? "https://portail.hap.be";

    public TimeSpan AccessCodeLifetime => TimeSpan.FromDays(configuration.GetValue("Notifications:Letters:AccessCodeDays", 90));

    /// <summary>The hospital's time zone: letters print local dates, batches are per local day.</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
