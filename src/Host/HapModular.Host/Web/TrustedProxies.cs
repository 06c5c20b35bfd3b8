using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace HapModular.Host.Web;

/// <summary>
/// X-Forwarded-For/-Proto are honoured only from the reverse proxies named in <c>Hap:KnownProxies</c> (addresses or
/// CIDR networks, comma-separated, e.g. <c>127.0.0.1</c> when nginx runs on the same machine). ASP.NET Core trusts
/// loopback by default, so anyone on the machine could choose the address the audit records and the per-address
/// sign-in throttle counts; with nothing configured, no forwarded header is believed.
/// </summary>
internal static class TrustedProxies
{
    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = configuration.GetValue("Hap:ForwardLimit", 1);
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in (configuration["Hap:KnownProxies"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(entry, out var network) ? network : throw Invalid(entry));
            }
            else
            {
                options.KnownProxies.Add(IPAddress.TryParse(entry, out var address) ? address : throw Invalid(entry));
            }
        }

        if (options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0)
        {
            // The middleware believes EVERY caller when both lists are empty: with no proxy configured, believe none.
            options.ForwardedHeaders = ForwardedHeaders.None;
        }
    }

    private static InvalidOperationException Invalid(string entry) =>
        new($"Hap:KnownProxies: '{entry}' is neither an IP address nor a CIDR network.");
}
