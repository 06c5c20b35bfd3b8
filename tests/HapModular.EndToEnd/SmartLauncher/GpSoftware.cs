using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace HapModular.EndToEnd.SmartLauncher;

/// <summary>
/// The GP's software as a SMART client on loopback (RFC 8252, as a desktop program does): it serves the launcher pages
/// from this folder, creates launches and exchanges codes with its client credentials (the secret never reaches the
/// browser), and keeps what the portal answered so the tests can look at it.
/// </summary>
public sealed class GpSoftware : IAsyncDisposable
{
    public const string ClientId = "gp-test-software";
    public const string ClientSecret = "gp-test-secret-4b1d";

    private readonly WebApplication app;
    private readonly HttpClient portal;

    private GpSoftware(WebApplication app, HttpClient portal, int port)
    {
        this.app = app;
        this.portal = portal;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    public string RedirectUri => BaseUrl + "/callback.html";

    /// <summary>The portal's last token response (JSON), or null.</summary>
    public JsonObject? LastToken { get; private set; }

    /// <summary>The last code this software exchanged.</summary>
    public string? LastCode { get; private set; }

    /// <summary>A free loopback port, chosen before the portal starts so that its registration can name the redirect URI.</summary>
    public static async Task<GpSoftware> StartAsync(int port, string portalUrl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var software = new GpSoftware(app, new HttpClient { BaseAddress = new Uri(portalUrl) }, port);
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "SmartLauncher")) });
        app.MapGet("/config", software.ConfigAsync);
        app.MapPost("/launch", software.LaunchAsync);
        app.MapPost("/token", software.TokenAsync);
        await app.StartAsync();
        return software;
    }

    /// <summary>Sends a code to the token endpoint again, as an attacker who copied it would.</summary>
    public Task<HttpResponseMessage> ExchangeAsync(string code, string verifier) => portal.SendAsync(TokenRequest(code, verifier));

    private async Task<IResult> ConfigAsync()
    {
        // Discovered from the portal, as a SMART client does.
        var smart = JsonNode.Parse(await portal.GetStringAsync(new Uri("fhir/.well-known/smart-configuration", UriKind.Relative)))!;
        return Results.Json(new
        {
            portal = portal.BaseAddress!.ToString().TrimEnd('/'),
            fhirBase = portal.BaseAddress!.ToString().TrimEnd('/') + "/fhir",
            clientId = ClientId,
            redirectUri = RedirectUri,
            authorizationEndpoint = smart["authorization_endpoint"]!.GetValue<string>(),
        });
    }

    private async Task<IResult> LaunchAsync(HttpRequest request)
    {
        var body = await JsonNode.ParseAsync(request.Body);
        using var launch = new HttpRequestMessage(HttpMethod.Post, new Uri("smart/launch", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("niss", body!["niss"]!.GetValue<string>())]),
        };
        launch.Headers.Authorization = Basic();
        using var response = await portal.SendAsync(launch);
        return Results.Content(await response.Content.ReadAsStringAsync(), "application/json", Encoding.UTF8, (int)response.StatusCode);
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var body = await JsonNode.ParseAsync(request.Body);
        LastCode = body!["code"]!.GetValue<string>();
        using var response = await portal.SendAsync(TokenRequest(LastCode, body["verifier"]!.GetValue<string>()));
        var text = await response.Content.ReadAsStringAsync();
        LastToken = JsonNode.Parse(text)!.AsObject();
        return Results.Content(text, "application/json", Encoding.UTF8, (int)response.StatusCode);
    }

    private HttpRequestMessage TokenRequest(string code, string verifier)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri("smart/token", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "authorization_code"),
                new("code", code),
                new("redirect_uri", RedirectUri),
                new("code_verifier", verifier),
            ]),
        };
        message.Headers.Authorization = Basic();
        return message;
    }

    private static AuthenticationHeaderValue Basic() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")));

    public async ValueTask DisposeAsync()
    {
        portal.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
