using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// QIDO-RS results from the instances the guard let through: studies, series or instances, matched on their
/// attributes (wildcards * and ?, date ranges, UID lists, ModalitiesInStudy), with the counts computed from those
/// same instances only (so a masked instance changes no count), the required return attributes and includefield.
/// </summary>
internal static class Qido
{
    // PS3.18 Table 6.7.1-2: the attributes returned at each level (study level: 10.6.3.3.1).
    private static readonly string[] StudyFields = ["00080020", "00080030", "00080050", "00080090", "00081030", "00100010", "00100020", "00100030", "00100040", "0020000D", "00200010"];
    private static readonly string[] SeriesFields = ["00080060", "0008103E", "0020000E", "00200011", "00400244", "00400245"];
    private static readonly string[] InstanceFields = ["00080016", "00080018", "00200013", "00280010", "00280011", "00280100", "00280008"];

    public static IEnumerable<ImagingInstance> Ordered(IEnumerable<ImagingInstance> instances) => instances
        .OrderBy(i => i.Number("00200011")).ThenBy(i => i.SeriesUid, StringComparer.Ordinal)
        .ThenBy(i => i.Number("00200013")).ThenBy(i => i.SopUid, StringComparer.Ordinal);

    /// <summary>Study results; each RetrieveURL (0008,1190) on <paramref name="web"/>, the base the client searched through.</summary>
    public static string Studies(IEnumerable<QidoGroup> studies, QidoQuery q, string web) => Write(
        studies.GroupBy(s => s.Representative.StudyUid, StringComparer.Ordinal).Select(g => QidoGroup.Merge([.. g]))
            .Where(s => Matches(s.Representative, q) && MatchesModalities(s.Modalities, q.Value("00080061")))
            .OrderByDescending(s => s.Representative.Text("00080020")).ThenBy(s => s.Representative.StudyUid, StringComparer.Ordinal),
        q,
        (json, s) =>
        {
            Copy(json, s.Representative, StudyFields, q);
            Strings(json, "00080061", "CS", s.Modalities.Where(m => m.Length > 0).Order(StringComparer.Ordinal));
            Number(json, "00201206", "IS", s.SeriesUids.Count);
            Number(json, "00201208", "IS", s.Instances);
            Strings(json, "00081190", "UR", [$"{web}/studies/{s.Representative.StudyUid}"]);
        });

    /// <summary>Study results from whole instances.</summary>
    public static string Studies(IEnumerable<ImagingInstance> instances, QidoQuery q, string web) => Studies(QidoGroup.Of(instances, QidoLevel.Studies), q, web);

    public static string Series(IEnumerable<QidoGroup> series, QidoQuery q, string web) => Write(
        series.GroupBy(s => (s.Representative.StudyUid, s.Representative.SeriesUid)).Select(g => QidoGroup.Merge([.. g]))
            .Where(s => Matches(s.Representative, q))
            .OrderBy(s => s.Representative.StudyUid, StringComparer.Ordinal).ThenBy(s => s.Representative.Number("00200011")).ThenBy(s => s.Representative.SeriesUid, StringComparer.Ordinal),
        q,
        (json, s) =>
        {
            Copy(json, s.Representative, ["0020000D", .. SeriesFields], q);
            Number(json, "00201209", "IS", s.Instances);
            Strings(json, "00081190", "UR", [$"{web}/studies/{s.Representative.StudyUid}/series/{s.Representative.SeriesUid}"]);
        });

    /// <summary>Series results from whole instances.</summary>
    public static string Series(IEnumerable<ImagingInstance> instances, QidoQuery q, string web) => Series(QidoGroup.Of(instances, QidoLevel.Series), q, web);

    public static string Instances(IEnumerable<QidoGroup> instances, QidoQuery q, string web) => Instances(instances.Select(i => i.Representative), q, web);

    public static string Instances(IEnumerable<ImagingInstance> instances, QidoQuery q, string web) => Write(
        Ordered(instances).Where(i => Matches(i, q)),
        q,
        (json, i) =>
        {
            Copy(json, i, ["0020000D", "0020000E", .. InstanceFields], q);
            Strings(json, "00081190", "UR", [ImagingHandlers.InstanceUrl(i, web)]);
        });

    private static string Write<T>(IEnumerable<T> rows, QidoQuery q, Action<Utf8JsonWriter, T> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            foreach (var row in rows.Skip(q.Offset).Take(q.Limit))
            {
                json.WriteStartObject();
                write(json, row);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Copy(Utf8JsonWriter json, ImagingInstance i, IEnumerable<string> required, QidoQuery q)
    {
        var tags = new SortedSet<string>(required, StringComparer.Ordinal);
        tags.UnionWith(q.IncludeFields);
        if (q.IncludeAll)
        {
            tags.UnionWith(i.Root.EnumerateObject().Select(p => p.Name).Where(n => n != "7FE00010"));
        }

        foreach (var tag in tags.Where(t => t is not "00080061" and not "00201206" and not "00201208" and not "00201209" and not "00081190"))
        {
            if (i.Attribute(tag) is { } a)
            {
                json.WritePropertyName(tag);
                a.WriteTo(json);
            }
        }
    }

    private static void Strings(Utf8JsonWriter json, string tag, string vr, IEnumerable<string> values)
    {
        json.WritePropertyName(tag);
        json.WriteStartObject();
        json.WriteString("vr", vr);
        json.WriteStartArray("Value");
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string tag, string vr, int value)
    {
        json.WritePropertyName(tag);
        json.WriteStartObject();
        json.WriteString("vr", vr);
        json.WriteStartArray("Value");
        json.WriteNumberValue(value);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static bool Matches(ImagingInstance i, QidoQuery q)
    {
        foreach (var (tag, wanted) in q.Matches)
        {
            if (tag == "00080061")
            {
                continue;
            }

            if (!Match(i.Attribute(tag), wanted))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MatchesModalities(IReadOnlyCollection<string> modalities, string? wanted) =>
        wanted is null || wanted.Split(',', '\\').Any(m => modalities.Any(modality => string.Equals(modality, m.Trim(), StringComparison.OrdinalIgnoreCase)));

    /// <summary>PS3.4 C.2.2.2: single value (with * ? wildcards), list of UIDs, date/time range, empty = universal.</summary>
    public static bool Match(JsonElement? attribute, string wanted)
    {
        if (wanted.Length == 0)
        {
            return true;
        }

        var vr = attribute is { } a && a.TryGetProperty("vr", out var v) ? v.GetString() : null;
        var values = Values(attribute).ToList();
        if (vr == "UI")
        {
            var uids = wanted.Split(',', '\\').Select(u => u.Trim()).ToHashSet(StringComparer.Ordinal);
            return values.Any(uids.Contains);
        }

        if (vr is "DA" or "TM" or "DT" && wanted.Contains('-', StringComparison.Ordinal))
        {
            var parts = wanted.Split('-');
            return values.Any(x => (parts[0].Length == 0 || string.CompareOrdinal(x, parts[0]) >= 0) && (parts[1].Length == 0 || string.CompareOrdinal(x[..Math.Min(x.Length, parts[1].Length)], parts[1]) <= 0));
        }

        var pattern = "^" + Regex.Escape(wanted).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        var options = vr == "PN" ? RegexOptions.IgnoreCase | RegexOptions.CultureInvariant : RegexOptions.CultureInvariant;
        return values.Any(x => Regex.IsMatch(x, pattern, options, TimeSpan.FromMilliseconds(100)));
    }

    private static IEnumerable<string> Values(JsonElement? attribute)
    {
        if (attribute is not { } a || !a.TryGetProperty("Value", out var values))
        {
            yield break;
        }

        foreach (var v in values.EnumerateArray())
        {
            yield return v.ValueKind switch
            {
                JsonValueKind.String => v.GetString() ?? string.Empty,
                JsonValueKind.Number => v.GetRawText(),
                JsonValueKind.Object => string.Join("=", v.EnumerateObject().Select(p => p.Value.GetString())),
                _ => string.Empty,
            };
        }
    }

    internal static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);
}
