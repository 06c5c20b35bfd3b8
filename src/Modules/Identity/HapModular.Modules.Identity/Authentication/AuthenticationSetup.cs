using HapModular.Modules.Identity.AccessTokens;
using HapModular.Modules.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Identity.Authentication;

/// <summary>
/// Cookie authentication (the session cookie and the short first-factor cookie) and personal access tokens: the
/// default scheme sends a request with a Bearer header to the token handler, every other request to the session.
/// </summary>
internal static class AuthenticationSetup
{
    public static void AddIdentityCookies(this IServiceCollection services, IdentitySettings settings)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentitySchemes.SessionOrToken;
                o.DefaultChallengeScheme = IdentitySchemes.SessionOrToken;
            })
            .AddPolicyScheme(IdentitySchemes.SessionOrToken, "Session or access token", o =>
                o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessTokenHandler.SchemeName, _ => { })
            .AddCookie(IdentitySchemes.Session, o =>
            {
                o.Cookie.Name = "hap.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // Lax: a link from an e-mail to a page of the portal keeps the session; cross-site POSTs carry no cookie.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = settings.IdleTimeout;
                o.SlidingExpiration = true;
                o.LoginPath = "/account/sign-in";
                o.LogoutPath = "/account/sign-out";
                o.ReturnUrlParameter = "returnUrl";
                o.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = c => c.HttpContext.RequestServices.GetRequiredService<SessionValidator>().ValidateAsync(c),
                    OnRedirectToLogin = c => ApiStatusOrRedirect(c, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = c =>
                    {
                        c.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    },
                };
            })
            .AddCookie(IdentitySchemes.TwoFactor, o =>
            {
                o.Cookie.Name = "hap.2fa";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
                o.SlidingExpiration = false;
            });
        services.AddAuthorization();
    }

    // A Bearer header is a personal access token (hap_pat_…) or, any other value, a SMART access token; else the session.
    private static string SelectScheme(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return IdentitySchemes.Session;
        }

        return header.AsSpan("Bearer ".Length).TrimStart().StartsWith(PersonalAccessToken.Prefix, StringComparison.Ordinal)
            ? AccessTokenHandler.SchemeName
            : AcceptsAccessTokens.SmartScheme;
    }

    private static Task ApiStatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<AcceptsAccessTokens>() is not null)
        {
            // A standard client (DICOMweb, FHIR) is told how to authenticate, not sent to a sign-in page.
            context.Response.StatusCode = status;
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"HapModular\"";
        }
        else if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/jobs"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
