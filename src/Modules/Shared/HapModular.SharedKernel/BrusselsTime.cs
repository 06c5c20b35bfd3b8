namespace HapModular.SharedKernel;

/// <summary>
/// The hospital's clock: every time shown to a person is Europe/Brussels (stored times stay UTC). Without the
/// system's time-zone data the portal refuses to show a time rather than show UTC silently.
/// </summary>
public static class BrusselsTime
{
    private static readonly Lazy<TimeZoneInfo> LazyZone = new(() =>
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new InvalidOperationException("The Europe/Brussels time zone is missing on this machine (install the tzdata package).", e);
        }
    });

    /// <summary>Europe/Brussels.</summary>
    public static TimeZoneInfo Zone => LazyZone.Value;

    /// <summary>The same instant on the Brussels clock (offset +01:00 or +02:00).</summary>
    /// <param name="instant">Any instant.</param>
    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>Today's date in Brussels.</summary>
    /// <param name="time">The clock.</param>
    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(ToLocal(time.GetUtcNow()).DateTime);
    }

    /// <summary>Age in whole years on <paramref name="today"/>.</summary>
    /// <param name="birthDate">Birth date.</param>
    /// <param name="today">The day of the question.</param>
    public static int AgeOn(DateOnly birthDate, DateOnly today) =>
        today.Year - birthDate.Year - (today < birthDate.AddYears(today.Year - birthDate.Year) ? 1 : 0);
}
