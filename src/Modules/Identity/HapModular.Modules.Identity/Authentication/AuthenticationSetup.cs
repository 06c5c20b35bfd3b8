using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Identity.Authentication;

/// <summary>Cookie authentication: the session cookie and the short first-factor cookie.</summary>
internal static class AuthenticationSetup
{
    public static void AddIdentityCookies(this IServiceCollection services, IdentitySettings settings)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentitySchemes.Session;
                o.DefaultChallengeScheme = IdentitySchemes.Session;
            })
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

    private static Task ApiStatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/jobs"))
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
