using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Xunit;

namespace HapModular.Testing;

/// <summary>
/// Posts a Razor page's form the way a browser does: GET the page for its anti-forgery token (the client keeps the
/// cookie), then POST multipart. For tests that must reach a state through the real pages, not through internals.
/// </summary>
public static partial class PageForms
{
    /// <summary>GETs <paramref name="page"/>, then POSTs <paramref name="fields"/> (and an optional file) to <paramref name="action"/> or the page.</summary>
    /// <param name="client">A client that keeps cookies and does not follow redirects.</param>
    /// <param name="page">The page that carries the form.</param>
    /// <param name="fields">Form fields.</param>
    /// <param name="file">An optional file field.</param>
    /// <param name="action">The form's action when it differs from the page (e.g. <c>/desk?handler=Revoke</c>).</param>
    /// <returns>The POST's response.</returns>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, IReadOnlyDictionary<string, string> fields, (string Name, string FileName, byte[] Content)? file = null, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        return await PostWithTokenAsync(client, action ?? page, await TokenAsync(client, page), fields, file);
    }

    /// <summary>The anti-forgery token a browser reads off <paramref name="page"/> (the client keeps its cookie); it stays valid for this session's later POSTs.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string page)
    {
        ArgumentNullException.ThrowIfNull(client);
        // A denial page carries the layout's token too (its sign-out form): a refused POST is a test case as well.
        using var get = await client.GetAsync(new Uri(page, UriKind.Relative));
        var html = await get.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "no anti-forgery token on " + page);
        return token;
    }

    /// <summary>POSTs <paramref name="fields"/> (and an optional file) multipart to <paramref name="action"/> with a token from <see cref="TokenAsync"/>.</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string action, string token, IReadOnlyDictionary<string, string> fields, (string Name, string FileName, byte[] Content)? file = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        if (file is { } f)
        {
            var bytes = new ByteArrayContent(f.Content);
            bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(bytes, f.Name, f.FileName);
        }

        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>Asserts the POST redirected (the page's success path); otherwise fails with the page's error messages.</summary>
    /// <param name="response">The POST's response.</param>
    /// <param name="what">What was attempted, for the failure message.</param>
    /// <returns>The redirect's target.</returns>
    public static async Task<string> AssertRedirectAsync(HttpResponseMessage response, string what)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var body = await response.Content.ReadAsStringAsync();
            var errors = string.Join(" | ", ErrorPattern().Matches(body).Select(m => m.Groups[1].Value.Trim()));
            Assert.Fail($"{what}: expected a redirect, got {(int)response.StatusCode}: {errors}");
        }

        return response.Headers.Location?.OriginalString ?? string.Empty;
    }

    [GeneratedRegex("class=\"(?:field-error|validation-summary-errors|warning|error)[^\"]*\"[^>]*>(.*?)</", RegexOptions.Singleline)]
    private static partial Regex ErrorPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
