using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Consent.Domain;

/// <summary>
/// Configurable policy: <c>Consent:Durations:&lt;type&gt;</c> in months (R2 defaults), <c>Consent:Emergency:WindowHours</c>
/// (24) and <c>Consent:Emergency:ExclusionBlocks</c> (true: an exclusion also blocks break-the-glass, R4).
/// </summary>
internal sealed class ConsentOptions(IConfiguration configuration)
{
    public int MonthsFor(string type) =>
        configuration.GetValue<int?>($"Consent:Durations:{type}") is { } months and > 0 ? months : LinkTypes.DefaultMonths(type);

    public DateTimeOffset EndOf(string type, DateTimeOffset start) => start.AddMonths(MonthsFor(type));

    public TimeSpan EmergencyWindow => TimeSpan.FromHours(configuration.GetValue("Consent:Emergency:WindowHours", 24.0));

    public bool ExclusionBlocksEmergency => configuration.GetValue("Consent:Emergency:ExclusionBlocks", true);
}
