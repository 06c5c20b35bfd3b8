using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace HapModular.Modules.Consent.Tests;

/// <summary>Posts a page's form the way a browser does: GET the page for its anti-forgery token, then POST.</summary>
internal static partial class Forms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, IReadOnlyDictionary<string, string> fields, (string Name, string FileName, byte[] Content)? file = null, string? action = null)
    {
        var html = await client.GetStringAsync(page);
        var token = TokenPattern().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "no anti-forgery token on " + page);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        if (file is { } f)
        {
            var bytes = new ByteArrayContent(f.Content);
            // The browser's claim is deliberately useless: the server must look at the bytes.
            bytes.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(bytes, f.Name, f.FileName);
        }

        return await client.PostAsync(action ?? page, content);
    }

    public static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var body = await response.Content.ReadAsStringAsync();
            var errors = string.Join(" | ", ErrorPattern().Matches(body).Select(m => m.Groups[1].Value.Trim()));
            Assert.Fail($"Expected a redirect, got {(int)response.StatusCode}: {errors}");
        }

        return await client.GetStringAsync(response.Headers.Location);
    }

    [GeneratedRegex("class=\"(?:field-error|validation-summary-errors|warning)[^\"]*\"[^>]*>(.*?)</", RegexOptions.Singleline)]
    private static partial Regex ErrorPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
