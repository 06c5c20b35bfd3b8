using System.Globalization;

namespace HapModular.Modules.Records.Pages.Patients.Imaging;

/// <summary>
/// A study's DICOM DA value as a date: <c>YYYYMMDD</c> (PS3.5 §6.2) and the ACR-NEMA 2.0 form <c>YYYY.MM.DD</c> that
/// PS3.5 still asks readers to accept, as old archives send it. Anything else is no date: the list says "date unknown"
/// rather than showing the raw text, or sorting it among dates as a string ("1994.11.05" beside "20260922").
/// </summary>
internal static class StudyDate
{
    public static DateOnly? Parse(string? da)
    {
        var text = da?.Trim();
        return text is { Length: 8 } && DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || text is { Length: 10 } && DateOnly.TryParseExact(text, "yyyy.MM.dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            ? date
            : null;
    }
}
