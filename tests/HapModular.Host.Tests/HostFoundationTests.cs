using System.Net;
using System.Net.Http.Json;
using HapModular.Testing;

namespace HapModular.Host.Tests;

public sealed class HostFoundationTests(HostFoundationTests.Factory factory) : IClassFixture<HostFoundationTests.Factory>
{
    public sealed class Factory : HapAppFactory;

    [Fact]
    public async Task Health_checks_postgresql_and_answers_200()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Viewers_api_lists_the_text_plugin_as_active()
    {
        using var client = factory.CreateClient();
        var plugins = await client.GetFromJsonAsync<List<PluginDto>>(new Uri("/api/viewers", UriKind.Relative));
        var text = Assert.Single(plugins!, p => p.Id == "hapmodular.text");
        Assert.Equal("Active", text.Status);
        Assert.Contains(text.Viewers, v => v.MediaTypes.Contains("text/plain"));
    }

    [Fact]
    public async Task Every_page_names_an_icon_the_portal_serves()
    {
        // Without one, the browser asked for /favicon.ico on every first visit and got a 404 (noise in every console).
        using var client = factory.CreateClient();
        var page = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));
        var href = System.Text.RegularExpressions.Regex.Match(page, "<link rel=\"icon\" href=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(href), "the page names no icon");
        using var icon = await client.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_document_is_served()
    {
        using var client = factory.CreateClient();
        var json = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Contains("/api/viewers", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_page_is_french_by_default_and_switches_language()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        var french = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("<html lang=\"fr\">", french, StringComparison.Ordinal);
        Assert.Contains("médecins traitants", french, StringComparison.Ordinal);

        var switched = await client.GetAsync(new Uri("/culture/nl?returnUrl=%2F", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        var dutch = await switched.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"nl\">", dutch, StringComparison.Ordinal);
        Assert.Contains("behandelende artsen", dutch, StringComparison.Ordinal);

        // Strings are cached per language: going back gives French again, not the Dutch just read.
        var back = await (await client.GetAsync(new Uri("/culture/fr?returnUrl=%2F", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("médecins traitants", back, StringComparison.Ordinal);
        Assert.DoesNotContain("behandelende artsen", back, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_switch_refuses_open_redirects()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(new Uri("/culture/de?returnUrl=%2F%2Fevil.example", UriKind.Relative));
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(' ', response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(' ', response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Api_errors_are_problem_details()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/api/does-not-exist", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    internal sealed record PluginDto(string Id, string Status, string? Reason, List<ViewerDto> Viewers);

    internal sealed record ViewerDto(string Id, List<string> MediaTypes);
}
