using System.Globalization;

namespace HapModular.Modules.Records.Demo;

/// <summary>Synthetic but valid NISS numbers (R9 check digits), so demo patients pass every validation.</summary>
internal static class DemoNiss
{
    public static string For(DateOnly birthDate, int sequence)
    {
        var body = long.Parse(string.Create(CultureInfo.InvariantCulture, $"{birthDate.Year % 100:00}{birthDate.Month:00}{birthDate.Day:00}{sequence:000}"), CultureInfo.InvariantCulture);
        var checkedOn = birthDate.Year >= 2000 ? 2_000_000_000L + body : body;
        var check = 97 - (int)(checkedOn % 97);
        return string.Create(CultureInfo.InvariantCulture, $"{body:000000000}{check:00}");
    }
}
