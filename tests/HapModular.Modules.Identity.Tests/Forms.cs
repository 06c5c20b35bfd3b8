using System.Net;
using System.Text.RegularExpressions;

namespace HapModular.Modules.Identity.Tests;

/// <summary>Posts forms as a browser would: GET the page, take its anti-forgery token, POST the fields.</summary>
internal static partial class Forms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pagePath, IDictionary<string, string> fields, string? postPath = null)
    {
        var html = await client.GetStringAsync(new Uri(pagePath, UriKind.Relative));
        var token = TokenOf(html);
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(new Uri(postPath ?? pagePath, UriKind.Relative), content);
    }

    public static string TokenOf(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No anti-forgery token in the page");

    /// <summary>Password then code; returns the response of the code step.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string code)
    {
        var first = await PostAsync(client, "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        if (first.StatusCode != HttpStatusCode.Redirect)
        {
            return first;
        }

        first.Dispose();
        return await PostAsync(client, "/account/sign-in/code", new Dictionary<string, string> { ["Code"] = code });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
