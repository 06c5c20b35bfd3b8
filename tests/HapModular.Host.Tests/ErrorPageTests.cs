using System.Net;
using System.Text.RegularExpressions;
using HapModular.SharedKernel;
using HapModular.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Host.Tests;

/// <summary>
/// The portal's own error pages, in Production as build/run.sh runs it: HTML for pages (403, 404, 500) in the
/// reader's language with the correlation id of the log line, problem details for /api, never a stack trace.
/// </summary>
public sealed partial class ErrorPageTests(ErrorPageTests.Factory factory) : IClassFixture<ErrorPageTests.Factory>
{
    public sealed class Factory : HapAppFactory
    {
        public CapturedLogs Logs { get; } = new();

        protected override bool UseTestAuthentication => true;

        // Production with the demo, as build/run.sh runs it (the demo's keys are generated under the data folder).
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Hap:Demo:Enabled", "true")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.ConfigureServices(services =>
            {
                Logs.AddTo(services);
                // A page that fails, after every route of the portal (a request no endpoint answers reaches it).
                services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new FailingPage());
            });
        }
    }

    [Fact]
    public async Task A_failing_page_shows_the_html_error_page_with_the_correlation_id_of_its_log_line_and_no_stack_trace()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/test/fails", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Une erreur est survenue", html, StringComparison.Ordinal);
        Assert.DoesNotContain(FailingPage.Message, html, StringComparison.Ordinal);
        Assert.DoesNotContain("at HapModular", html, StringComparison.Ordinal);
        var id = CorrelationId().Match(html).Groups[1].Value;
        Assert.NotEmpty(id);
        var logged = Assert.Single(factory.Logs.Lines, l => l.Contains(FailingPage.Message, StringComparison.Ordinal));
        Assert.Contains(id, logged, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "Page introuvable")]
    [InlineData("nl", "Pagina niet gevonden")]
    [InlineData("de", "Seite nicht gefunden")]
    [InlineData("en", "Page not found")]
    public async Task A_missing_page_is_the_html_404_page_in_the_readers_language(string culture, string title)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no/such/page");
        request.Headers.Add("Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<html lang=\"{culture}\">", html, StringComparison.Ordinal);
        Assert.Contains(title, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_physician_opening_an_admin_page_gets_the_html_403_page_not_json()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .As(new TestUser(Guid.NewGuid(), [Roles.Physician], "18334780004", "Dr Test"));
        var response = await client.GetAsync(new Uri("/admin/users", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Accès refusé", html, StringComparison.Ordinal);
        var id = CorrelationId().Match(html).Groups[1].Value;
        Assert.Contains(factory.Logs.Lines, l => l.Contains("/admin/users", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Api_errors_stay_problem_details()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/api/does-not-exist", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("<code id=\"correlation-id\">([^<]+)</code>")]
    private static partial Regex CorrelationId();

    private sealed class FailingPage : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public const string Message = "Deliberate failure for the error page test";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test/fails", b => b.Run(_ => throw new InvalidOperationException(Message)));
        };
    }
}
