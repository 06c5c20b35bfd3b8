using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;

namespace HapModular.Modules.Interop.Smart;

/// <summary>
/// OpenIddict's two ASP.NET Core handlers are "request handlers": ASP.NET Core builds each of them and lets it inspect
/// EVERY request (a transaction, an event dispatch resolving dozens of filters and handlers from the container) before
/// anything else runs. On the portal's pages that was the largest share of a request's allocations (measured on the
/// timeline: ~15 % of the bytes) for requests OpenIddict can do nothing with. This stand-in keeps OpenIddict's scheme
/// name and behaviour and wakes the real handler only where it acts: the server on its own endpoints, the validation
/// when the request carries an <c>Authorization</c> header (the only place it reads an access token from).
/// </summary>
internal abstract class OpenIddictOnlyWhereItActs<THandler> : IAuthenticationRequestHandler, IAuthenticationSignInHandler
    where THandler : class, IAuthenticationRequestHandler
{
    private AuthenticationScheme? scheme;
    private HttpContext? http;
    private THandler? inner;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        this.scheme = scheme;
        http = context;
        return Task.CompletedTask;
    }

    public async Task<bool> HandleRequestAsync() => Acts(Http.Request) && await (await InnerAsync()).HandleRequestAsync();

    // Skipped: OpenIddict never saw this request, so it has nothing to say about it (what it answers to a request
    // without a token). Elsewhere the real handler answers.
    public async Task<AuthenticateResult> AuthenticateAsync() =>
        inner is null && !Acts(Http.Request) ? AuthenticateResult.NoResult() : await (await InnerAsync()).AuthenticateAsync();

    public async Task ChallengeAsync(AuthenticationProperties? properties) => await (await InnerAsync()).ChallengeAsync(properties);

    public async Task ForbidAsync(AuthenticationProperties? properties) => await (await InnerAsync()).ForbidAsync(properties);

    public async Task SignInAsync(ClaimsPrincipal user, AuthenticationProperties? properties) =>
        await ((await InnerAsync()) as IAuthenticationSignInHandler ?? throw new InvalidOperationException($"{typeof(THandler).Name} cannot sign in.")).SignInAsync(user, properties);

    public async Task SignOutAsync(AuthenticationProperties? properties) =>
        await ((await InnerAsync()) as IAuthenticationSignOutHandler ?? throw new InvalidOperationException($"{typeof(THandler).Name} cannot sign out.")).SignOutAsync(properties);

    protected abstract bool Acts(HttpRequest request);

    private HttpContext Http => http ?? throw new InvalidOperationException("Not initialized.");

    private async Task<THandler> InnerAsync()
    {
        if (inner is null)
        {
            inner = ActivatorUtilities.GetServiceOrCreateInstance<THandler>(Http.RequestServices);
            await inner.InitializeAsync(scheme!, Http);
        }

        return inner;
    }
}

/// <summary>The authorization server acts on its four endpoints only (relative to the issuer, hence "ends with").</summary>
internal sealed class OpenIddictServerOnItsEndpoints : OpenIddictOnlyWhereItActs<OpenIddictServerAspNetCoreHandler>
{
    private static readonly string[] Endpoints = [SmartServer.AuthorizePath, SmartServer.TokenPath, SmartServer.JwksPath, SmartServer.DiscoveryPath];

    protected override bool Acts(HttpRequest request)
    {
        var path = request.Path.Value ?? string.Empty;
        foreach (var endpoint in Endpoints)
        {
            if (path.EndsWith(endpoint, StringComparison.OrdinalIgnoreCase) && path.Length > endpoint.Length && path[^(endpoint.Length + 1)] == '/')
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Token validation reads the access token from the <c>Authorization</c> header only (no form or query tokens).</summary>
internal sealed class OpenIddictValidationWithAuthorizationHeader : OpenIddictOnlyWhereItActs<OpenIddictValidationAspNetCoreHandler>
{
    protected override bool Acts(HttpRequest request) => request.Headers.Authorization.Count > 0;
}
