using System.Net;
using HapModular.Testing;
using OtpNet;

namespace HapModular.ScaleOut.Tests;

/// <summary>
/// One signed-in user's browser: one cookie jar, and a client per address (host A, host B, nginx) that all send the
/// same cookies — the session cookie issued by one host is what the others receive.
/// </summary>
public sealed class PortalSession : IDisposable
{
    private const string DemoPassword = "Hap-Demo-Portal-2026";
    private readonly CookieContainer cookies = new();
    private readonly Dictionary<string, HttpClient> clients = new(StringComparer.Ordinal);

    /// <summary>The client for <paramref name="baseUrl"/> (made once, sharing this session's cookies).</summary>
    public HttpClient At(string baseUrl)
    {
        lock (clients)
        {
            if (!clients.TryGetValue(baseUrl, out var client))
            {
                var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies, ConnectTimeout = TimeSpan.FromSeconds(5) };
                client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
                clients[baseUrl] = client;
            }

            return client;
        }
    }

    /// <summary>Signs a demo account in on <paramref name="baseUrl"/> as the browser does: password, then the phone's code.</summary>
    public async Task SignInAsync(string baseUrl, string email, string totpSecret)
    {
        var client = At(baseUrl);
        using (var password = await PageForms.PostAsync(client, "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = DemoPassword }))
        {
            await PageForms.AssertRedirectAsync(password, "password step of " + email);
        }

        // A code is accepted once per 30-second step: the next step's code is tried if this one was already spent.
        var totp = new Totp(Base32Encoding.ToBytes(totpSecret));
        foreach (var when in new[] { DateTime.UtcNow, DateTime.UtcNow.AddSeconds(30) })
        {
            using var code = await PageForms.PostAsync(client, "/account/sign-in/code", new Dictionary<string, string> { ["Code"] = totp.ComputeTotp(when) });
            if (code.StatusCode == HttpStatusCode.Redirect)
            {
                return;
            }
        }

        throw new InvalidOperationException("The code step of " + email + " was refused.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }
}
