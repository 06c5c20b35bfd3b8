using System.Net;
using HapModular.Testing;

namespace HapModular.ScaleOut.Tests;

/// <summary>
/// One signed-in user's browser: one cookie jar, and a client per address (host A, host B, nginx) that all send the
/// same cookies — the session cookie issued by one host is what the others receive.
/// </summary>
public sealed class PortalSession : IDisposable
{
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

    /// <summary>Signs a demo account in on <paramref name="baseUrl"/> as its owner does: password, then the authenticator's code.</summary>
    public Task SignInAsync(string baseUrl, DemoAccount account) => DemoSignIn.SignInAsync(At(baseUrl), account);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }
}
