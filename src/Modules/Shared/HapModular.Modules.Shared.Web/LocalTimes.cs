using System.Globalization;
using HapModular.SharedKernel;

namespace HapModular.Modules.Shared.Web;

/// <summary>
/// How pages write a stored instant for a person: on the Brussels clock, in the reader's language (the request's
/// culture; English reads day/month/year). Use these rather than <c>ToString("g")</c> on a UTC value.
/// </summary>
public static class LocalTimes
{
    /// <summary>Date and time, short (e.g. 02/01/2026 14:05).</summary>
    /// <param name="instant">A stored instant.</param>
    public static string DateTime(DateTimeOffset instant) => BrusselsTime.ToLocal(instant).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>The date only (e.g. 02/01/2026), on the Brussels calendar.</summary>
    /// <param name="instant">A stored instant.</param>
    public static string Date(DateTimeOffset instant) => BrusselsTime.ToLocal(instant).ToString("d", CultureInfo.CurrentCulture);

    /// <summary>The machine-readable form for <c>&lt;time datetime&gt;</c>, with the Brussels offset.</summary>
    /// <param name="instant">A stored instant.</param>
    public static string Iso(DateTimeOffset instant) => BrusselsTime.ToLocal(instant).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
