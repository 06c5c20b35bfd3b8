using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HapModular.Testing;

/// <summary>
/// For integration tests of modules other than Identity: the request says who it is in a header, so a test can act
/// as a physician, patient-desk agent or DPO without walking the sign-in. Browser tests use the real sign-in.
/// </summary>
public static class TestAuthentication
{
    /// <summary>The scheme name.</summary>
    public const string Scheme = "Test";

    /// <summary>The header: <c>userId;role1,role2;inami;display name</c>.</summary>
    public const string Header = "X-Test-User";

    /// <summary>Makes the test scheme the default for authenticate/challenge/forbid.</summary>
    public static IServiceCollection AddTestAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, _ => { });
        services.PostConfigure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = Scheme;
            o.DefaultAuthenticateScheme = Scheme;
            o.DefaultChallengeScheme = Scheme;
            o.DefaultForbidScheme = Scheme;
        });
        return services;
    }

    /// <summary>An HTTP client acting as this user.</summary>
    public static HttpClient As(this HttpClient client, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(user);
        client.DefaultRequestHeaders.Remove(Header);
        client.DefaultRequestHeaders.Add(Header, $"{user.UserId};{string.Join(',', user.Roles)};{user.Inami};{user.Name}");
        return client;
    }

    private sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var value))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var parts = value.ToString().Split(';');
            var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, parts[0]), new(ClaimTypes.Name, parts.ElementAtOrDefault(3) ?? "Test") };
            claims.AddRange(parts.ElementAtOrDefault(1)?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(ClaimTypes.Role, r)) ?? []);
            if (parts.ElementAtOrDefault(2) is { Length: > 0 } inami)
            {
                claims.Add(new Claim("hap:inami", inami));
            }

            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, TestAuthentication.Scheme));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, TestAuthentication.Scheme)));
        }

        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = 401;
            return Task.CompletedTask;
        }
    }
}

/// <summary>Who a test acts as.</summary>
/// <param name="UserId">User id.</param>
/// <param name="Roles">Roles (see HapModular.SharedKernel.Roles).</param>
/// <param name="Inami">INAMI digits for physicians.</param>
/// <param name="Name">Display name.</param>
public sealed record TestUser(Guid UserId, IReadOnlyList<string> Roles, string? Inami = null, string Name = "Test User");
