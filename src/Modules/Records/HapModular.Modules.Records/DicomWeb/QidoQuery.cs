using System.Globalization;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// A QIDO-RS query (PS3.18 §8.3.4): attribute matches by keyword or tag, <c>includefield</c>, <c>limit</c> and
/// <c>offset</c>. Keywords come from the DICOM plugin's data dictionary. A parameter that is neither a known
/// attribute nor a QIDO control word is an error the client sees (400), never silently ignored.
/// </summary>
internal sealed record QidoQuery(IReadOnlyDictionary<string, string> Matches, IReadOnlySet<string> IncludeFields, bool IncludeAll, int Limit, int Offset)
{
    public const int MaxLimit = 1000;

    public static (QidoQuery? Query, string? Error) Parse(IEnumerable<KeyValuePair<string, string>> parameters, IReadOnlyDictionary<string, string> keywords)
    {
        var matches = new Dictionary<string, string>(StringComparer.Ordinal);
        var include = new HashSet<string>(StringComparer.Ordinal);
        bool all = false;
        int limit = MaxLimit, offset = 0;
        foreach (var (key, value) in parameters)
        {
            switch (key)
            {
                case "limit":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
                    {
                        return (null, "limit must be a positive integer.");
                    }

                    limit = Math.Min(limit, MaxLimit);
                    continue;
                case "offset":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
                    {
                        return (null, "offset must be a non-negative integer.");
                    }

                    continue;
                case "fuzzymatching":
                    continue;
                case "includefield":
                    foreach (var field in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (field == "all")
                        {
                            all = true;
                        }
                        else if (TagOf(field, keywords) is { } tag)
                        {
                            include.Add(tag);
                        }
                        else
                        {
                            return (null, $"includefield: unknown attribute '{field}'.");
                        }
                    }

                    continue;
            }

            if (TagOf(key, keywords) is not { } matchTag)
            {
                return (null, $"Unknown query parameter '{key}'.");
            }

            matches[matchTag] = value;
        }

        return (new QidoQuery(matches, include, all, limit, offset), null);
    }

    public string? Value(string tag) => Matches.GetValueOrDefault(tag);

    private static string? TagOf(string field, IReadOnlyDictionary<string, string> keywords)
    {
        if (field.Length == 8 && uint.TryParse(field, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _))
        {
            return field.ToUpperInvariant();
        }

        return keywords.GetValueOrDefault(field);
    }
}
