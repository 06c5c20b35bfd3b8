using System.Security.Cryptography;
using System.Text;
using HapModular.SharedKernel;
using Microsoft.AspNetCore.Authorization;

namespace HapModular.Host.Web.Telemetry;

/// <summary>
/// Who may read <c>/metrics</c>: a hospital administrator signed in to the portal (a look from the browser), or the
/// operations team's Prometheus with the scrape token <c>Hap:Metrics:ScrapeToken</c> (<c>Authorization: Bearer …</c>;
/// Prometheus' <c>authorization</c> setting) — a scraper cannot do the portal's password + TOTP sign-in. Without a
/// configured token only administrators get in. Anyone else is refused like any protected page (sign-in redirect,
/// 401 with a wrong token, 403 for other roles). The metrics name no patient, but their volumes are the hospital's.
/// </summary>
internal static class MetricsAccess
{
    public const string Policy = "metrics-scrape";

    public static IServiceCollection AddMetricsAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var token = configuration["Hap:Metrics:ScrapeToken"];
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddRequirements(new ScrapeRequirement(
            string.IsNullOrEmpty(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token)))));
        services.AddSingleton<IAuthorizationHandler, ScrapeHandler>();
        return services;
    }

    /// <summary>The SHA-256 of the configured token (compared in constant time), or null when none is configured.</summary>
    internal sealed record ScrapeRequirement(byte[]? TokenHash) : IAuthorizationRequirement;

    private sealed class ScrapeHandler : AuthorizationHandler<ScrapeRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScrapeRequirement requirement)
        {
            if (context.User.IsInRole(Roles.Admin) || HasToken(context.Resource as HttpContext, requirement.TokenHash))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }

        private static bool HasToken(HttpContext? http, byte[]? expected)
        {
            var header = http?.Request.Headers.Authorization.ToString();
            if (expected is null || header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return false;
            }

            return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim())), expected);
        }
    }
}
