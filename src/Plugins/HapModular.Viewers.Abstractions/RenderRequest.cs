using System.Globalization;

namespace HapModular.Viewers;

/// <summary>What the host asks a viewer to render.</summary>
/// <param name="Target">
/// What to render: <see cref="RenderTargets.View"/> (the default HTML view) or a viewer-defined target
/// (e.g. <c>frame</c>, <c>raw</c>, <c>svg</c>) that the view's own HTML or client module asks for.
/// </param>
/// <param name="Parameters">Target parameters from the query string (e.g. <c>frame=3</c>); never trusted.</param>
/// <param name="Culture">The reader's UI culture (fr by default, nl, de, en) for labels and dates.</param>
/// <param name="ResourceBaseUrl">
/// The URL prefix, ending with <c>/</c>, under which the host serves further targets of the same document:
/// <c>{ResourceBaseUrl}{target}?{parameters}</c>. Use <see cref="ResourceUrl"/> to build one.
/// </param>
/// <param name="OriginalUrl">The URL that downloads the original document.</param>
public sealed record RenderRequest(
    string Target,
    IReadOnlyDictionary<string, string> Parameters,
    CultureInfo Culture,
    string ResourceBaseUrl,
    string OriginalUrl)
{
    /// <summary>A request for the default HTML view, with no parameters.</summary>
    /// <param name="culture">The reader's culture.</param>
    /// <param name="resourceBaseUrl">See <see cref="ResourceBaseUrl"/>.</param>
    /// <param name="originalUrl">See <see cref="OriginalUrl"/>.</param>
    /// <returns>The request.</returns>
    public static RenderRequest ForView(CultureInfo culture, string resourceBaseUrl = "./", string originalUrl = "./original") =>
        new(RenderTargets.View, new Dictionary<string, string>(), culture, resourceBaseUrl, originalUrl);

    /// <summary>Builds the URL of another target of the same document, query values escaped.</summary>
    /// <param name="target">The target name (letters, digits, '-').</param>
    /// <param name="parameters">Query parameters, in the given order.</param>
    /// <returns>A relative or absolute URL, as <see cref="ResourceBaseUrl"/> is.</returns>
    public string ResourceUrl(string target, params (string Name, string Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var url = ResourceBaseUrl + Uri.EscapeDataString(target);
        if (parameters.Length == 0)
        {
            return url;
        }

        return url + "?" + string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));
    }

    /// <summary>Reads an integer parameter, falling back when it is absent or not a number.</summary>
    /// <param name="name">Parameter name.</param>
    /// <param name="fallback">Value when absent or invalid.</param>
    /// <returns>The parsed value or <paramref name="fallback"/>.</returns>
    public int GetInt(string name, int fallback) =>
        Parameters.TryGetValue(name, out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    /// <summary>Reads a floating-point parameter (invariant culture), or null when absent or invalid.</summary>
    /// <param name="name">Parameter name.</param>
    /// <returns>The parsed value, or <see langword="null"/>.</returns>
    public double? GetDouble(string name) =>
        Parameters.TryGetValue(name, out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}

/// <summary>Target names every viewer understands.</summary>
public static class RenderTargets
{
    /// <summary>The default HTML view of the document.</summary>
    public const string View = "view";

    /// <summary>A small PNG or JPEG preview (the host usually stores the ingestion thumbnail instead).</summary>
    public const string Thumbnail = "thumbnail";
}
