using System.Globalization;
using System.Resources;
using HapModular.Modules.Notifications.Letters.Resources;

namespace HapModular.Modules.Notifications.Letters.Rendering;

/// <summary>The letter's sentences in the patient's language (not the reader's UI culture): fr by default, nl, de, en.</summary>
internal sealed class LetterTexts
{
    private static readonly ResourceManager Resources = new(typeof(LetterText));

    private LetterTexts(CultureInfo culture) => Culture = culture;

    public CultureInfo Culture { get; }

    public static LetterTexts For(string? language) =>
        new(CultureInfo.GetCultureInfo(language is "nl" or "de" or "en" ? language : "fr"));

    public string this[string key] => Resources.GetString(key, Culture) ?? key;

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    public string Date(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, LetterSettings.Zone).ToString("d MMMM yyyy", Culture);
}
