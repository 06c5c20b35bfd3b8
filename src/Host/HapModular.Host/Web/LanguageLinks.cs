namespace HapModular.Host.Web;

/// <summary>
/// The layout's language links, in their order: each language's code and its label. Fixed here rather than upper-cased
/// on every page (four strings a page, issue 15).
/// </summary>
internal static class LanguageLinks
{
    public static readonly (string Code, string Label)[] All = [("fr", "FR"), ("nl", "NL"), ("de", "DE"), ("en", "EN")];
}
