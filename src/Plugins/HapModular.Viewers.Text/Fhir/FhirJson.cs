using System.Globalization;
using System.Text.Json;

namespace HapModular.Viewers.Text.Fhir;

/// <summary>Small readers over FHIR R4 JSON: codeable concepts, references, quantities, dates.</summary>
internal static class FhirJson
{
    public static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    public static JsonElement? Obj(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    public static string? Concept(JsonElement? cc)
    {
        if (cc is not { } c)
        {
            return null;
        }

        return Str(c, "text") ?? Array(c, "coding").Select(x => Str(x, "display") ?? Str(x, "code")).FirstOrDefault(x => x is not null);
    }

    public static string? Concepts(JsonElement e, string name)
    {
        var all = Array(e, name).Select(x => Concept(x)).OfType<string>().ToList();
        return all.Count > 0 ? string.Join(", ", all) : null;
    }

    public static string? Reference(JsonElement? r) => r is { } x ? Str(x, "display") ?? Str(x, "reference") : null;

    public static string? References(JsonElement e, string name)
    {
        var all = Array(e, name).Select(x => Reference(x)).OfType<string>().ToList();
        return all.Count > 0 ? string.Join(", ", all) : null;
    }

    public static string? Quantity(JsonElement? q)
    {
        if (q is not { } x || !x.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        var comparator = Str(x, "comparator") ?? string.Empty;
        var unit = Str(x, "unit") ?? Str(x, "code");
        // GetRawText keeps the value exactly as the source wrote it (17 stays 17, 16.5 stays 16.5).
        return (comparator + v.GetRawText() + (unit is null ? string.Empty : " " + unit)).Trim();
    }

    public static string? Date(string? text, CultureInfo culture)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length <= 10)
        {
            return DateTime.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM", "yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? (text.Length == 10 ? d.ToString("d", culture) : text)
                : text;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto) ? dto.ToString("g", culture) : text;
    }

    public static DateTimeOffset? ParseDate(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;
}
