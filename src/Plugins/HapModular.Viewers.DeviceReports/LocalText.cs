using System.Globalization;

namespace HapModular.Viewers.DeviceReports;

/// <summary>
/// A sentence the reader will see, kept as a <see cref="Labels"/> key and its arguments until the page knows the
/// reader's language (readers run without a culture; the view renders in fr, nl, de or en). An argument may itself
/// be a <see cref="LocalText"/>.
/// </summary>
internal sealed record LocalText(string Key, params object[] Args)
{
    public string In(CultureInfo culture)
    {
        var text = Labels.Get(culture, Key);
        return Args.Length == 0 ? text : string.Format(culture, text, [.. Args.Select(a => a is LocalText t ? t.In(culture) : a)]);
    }

    /// <summary>The English text, for logs and ingestion results (which have no reader).</summary>
    public override string ToString() => In(CultureInfo.GetCultureInfo("en"));
}
