using System.Globalization;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Audit.Report;

/// <summary>
/// Marker for the imaging lines of the access report (ImagingReportText.resx = French, .nl/.de/.en), and their text:
/// a retrieve burst is stored as "modality|YYYYMMDD|count" and read in the reader's language, e.g.
/// "imagerie : IRM du 22/09/2026 (7 images)".
/// </summary>
internal sealed class ImagingReportText
{
    public static string? Describe(AccessReportLine line, IStringLocalizer<ImagingReportText> text)
    {
        if (line.Action == "imaging-open")
        {
            return text["Opened"].Value;
        }

        if (line.Action != "imaging-retrieve" || line.DocumentTitle?.Split('|') is not [var modality, var date, var count])
        {
            return null;
        }

        var name = text["Modality." + modality] is { ResourceNotFound: false } known ? known.Value : modality;
        var day = DateOnly.TryParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("d", CultureInfo.CurrentCulture) : date;
        return string.Format(CultureInfo.CurrentCulture, text["Line"].Value, name, day, count);
    }
}
