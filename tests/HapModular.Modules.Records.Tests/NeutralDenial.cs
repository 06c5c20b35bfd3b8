using System.Text.RegularExpressions;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// How two denials are compared. A denial page carries two things that are not about the refusal: the layout's
/// per-request anti-forgery token (sign-out form), and the ids of the URL the physician typed (the emergency link of
/// the denial, the language links' return URL). Same URL → identical bytes once the token is blanked; different
/// ids → identical once the URL's ids are replaced by placeholders. Any other id in a denial is a leak.
/// </summary>
internal static partial class NeutralDenial
{
    /// <summary>The body with the anti-forgery token's value blanked (it differs on every request).</summary>
    public static string WithoutToken(string body) => TokenPattern().Replace(body, "$1{token}$2");

    /// <summary>The body with the token blanked and every id of <paramref name="url"/> (both GUID spellings) replaced by a placeholder.</summary>
    public static string WithPlaceholders(string body, string url)
    {
        var text = WithoutToken(body);
        var n = 0;
        foreach (var id in IdsIn(url))
        {
            n++;
            text = text.Replace(id.ToString("D"), $"{{id{n}}}", StringComparison.OrdinalIgnoreCase)
                .Replace(id.ToString("N"), $"{{id{n}}}", StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    /// <summary>Ids in the body that the URL does not carry (nothing may name another patient or document).</summary>
    public static IReadOnlyList<Guid> ForeignIds(string body, string url)
    {
        var allowed = IdsIn(url).ToHashSet();
        return IdsIn(WithoutToken(body)).Where(id => !allowed.Contains(id)).Distinct().ToList();
    }

    /// <summary>The main element of a page, for comparisons across users whose layout differs.</summary>
    public static string MainContent(string html)
    {
        var start = html.IndexOf("<main", StringComparison.Ordinal);
        var end = html.IndexOf("</main>", StringComparison.Ordinal);
        return start >= 0 && end > start ? html[start..end] : html;
    }

    private static IEnumerable<Guid> IdsIn(string text) =>
        GuidPattern().Matches(text).Select(m => Guid.Parse(m.Value));

    [GeneratedRegex("(name=\"__RequestVerificationToken\" type=\"hidden\" value=\")[^\"]+(\")")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("(?<![0-9a-fA-F])(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32})(?![0-9a-fA-F])")]
    private static partial Regex GuidPattern();
}
