using System.Globalization;
using HapModular.SharedKernel;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Audit.Report;

/// <summary>
/// Marker for the imaging lines of the access report (ImagingReportText.resx = French, .nl/.de/.en), and their text:
/// the guard stores an imaging burst's subject as "modality|YYYYMMDD|images|channel|study UID", read here in the
/// reader's language, e.g. "imagerie : IRM du 22/09/2026 (7 images)".
/// </summary>
internal sealed class ImagingReportText
{
    /// <summary>The imaging record's subject in words, or null when the record is not an imaging burst.</summary>
    public static string? Describe(string action, string? title, IStringLocalizer<ImagingReportText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (action is not (PatientScopedActions.ImagingOpen or PatientScopedActions.ImagingRetrieve or PatientScopedActions.Search)
            || title?.Split('|') is not [var modality, var date, var count, var channel, _])
        {
            return null;
        }

        var via = text["Via." + channel] is { ResourceNotFound: false } how ? how.Value : string.Empty;
        if (modality.Length == 0 || count.Length == 0)
        {
            return text["Study"].Value + via;
        }

        var name = string.Join("/", modality.Split('/').Select(m => text["Modality." + m] is { ResourceNotFound: false } known ? known.Value : m));
        var day = DateOnly.TryParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("d", CultureInfo.CurrentCulture) : date;
        return string.Format(CultureInfo.CurrentCulture, text["Line"].Value, name, day, count) + via;
    }
}
