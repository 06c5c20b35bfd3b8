using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Notifications.Letters;

/// <summary>
/// <c>Notifications:Letters:*</c>: the letterhead (hospital name, address lines, phone), the portal address printed for
/// the patient's report, how long an access code lives (90 days) and how many wrong
/// birth dates lock it.
/// </summary>
internal sealed class LetterSettings(IConfiguration configuration)
{
    public string Hospital => configuration["Notifications:Letters:Hospital"] ?? "CHU Ambroise Paré";

    public IReadOnlyList<string> HospitalAddress =>
        configuration.GetSection("Notifications:Letters:HospitalAddress").Get<string[]>() ?? ["Boulevard Kennedy 2", "7000 Mons"];

    public string DeskPhone => configuration["Notifications:Letters:DeskPhone"] ?? "065 41 40 00";

    public string PortalUrl => configuration["Notifications:Letters:PortalUrl"] ?? "https://portail.hap.be";

    public TimeSpan AccessCodeLifetime => TimeSpan.FromDays(configuration.GetValue("Notifications:Letters:AccessCodeDays", 90));

    /// <summary>Wrong birth dates typed with one valid code before it is locked (<c>Notifications:Letters:CodeAttempts</c>, 5).</summary>
    public int CodeAttempts => Math.Max(1, configuration.GetValue("Notifications:Letters:CodeAttempts", 5));

    /// <summary>How long a code stays locked after too many wrong birth dates (<c>Notifications:Letters:CodeLockHours</c>, 24).</summary>
    public TimeSpan CodeLock => TimeSpan.FromHours(configuration.GetValue("Notifications:Letters:CodeLockHours", 24.0));

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
