using System.Globalization;
using System.Threading.RateLimiting;
using HapModular.Host.Jobs;
using HapModular.Host.Plugins;
using HapModular.Host.Web.Health;
using HapModular.Host.Web.Telemetry;
using HapModular.Modules.Shared;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.FileProviders;

namespace HapModular.Host.Web;

/// <summary>The web pipeline shared by every module: pages, localization, errors, health, OpenAPI, security headers.</summary>
internal static class WebSetup
{
    public static readonly CultureInfo[] Cultures = [new("fr"), new("nl"), new("de"), English()];

    public static IServiceCollection AddHapWeb(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<PageRoutes>();
        // Accented French/Dutch/German text stays readable in the HTML source (é, not &#xE9;); escaping is unchanged.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization();
        services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizerFactory, CachingStringLocalizerFactory>();
        // A StringLocalizer<T> only forwards to the (caching) factory's localizer and reads the culture at each call:
        // one per resource type, not one per @inject on every page render.
        services.AddSingleton(typeof(Microsoft.Extensions.Localization.IStringLocalizer<>), typeof(Microsoft.Extensions.Localization.StringLocalizer<>));
        services.AddRazorPages().AddViewLocalization().AddDataAnnotationsLocalization();
        // The anti-forgery cookie is Secure whenever the request came over HTTPS (directly or through a trusted proxy).
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        // The framework's own anti-forgery (registered once, by type) behind the layout's remembered sign-out token.
        var antiforgery = services.Single(d => d.ServiceType == typeof(Microsoft.AspNetCore.Antiforgery.IAntiforgery));
        services.Remove(antiforgery);
        services.AddSingleton<Microsoft.AspNetCore.Antiforgery.IAntiforgery>(sp => new RememberedAntiforgeryTokens(
            (Microsoft.AspNetCore.Antiforgery.IAntiforgery)ActivatorUtilities.CreateInstance(sp, antiforgery.ImplementationType!),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Microsoft.AspNetCore.Mvc.Infrastructure.IHttpResponseStreamWriterFactory, PageResponseWriterFactory>();
        services.AddProblemDetails();
        services.AddExceptionHandler<CorrelatedExceptionLog>();
        services.AddOpenApi();
        services.AddHapHealthChecks(connectionString);
        services.AddHapTelemetry(configuration);
        services.Configure<ForwardedHeadersOptions>(o => TrustedProxies.Configure(o, configuration));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            var permits = configuration.GetValue($"Hap:RateLimits:{RateLimits.PatientCode}:Permits", 10);
            var window = TimeSpan.FromMinutes(configuration.GetValue($"Hap:RateLimits:{RateLimits.PatientCode}:WindowMinutes", 15.0));
            // Per client address as the forwarded-headers middleware established it (trusted proxies only).
            o.AddPolicy(RateLimits.PatientCode, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window })
                : RateLimitPartition.GetNoLimiter("read"));
        });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("fr");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // French unless the reader chose otherwise (cookie set by the language switch, or ?culture=).
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static WebApplication UseHapWeb(this WebApplication app, PluginLoader plugins)
    {
        app.UseCorrelationId();
        // Outside the exception handlers: a failed request's summary is its final answer (500), and its exception is
        // logged once, by CorrelatedExceptionLog.
        app.UseRequestSummaries();
        app.UseForwardedHeaders();
        // /api answers problem details (JSON); pages answer the portal's HTML error page, in the reader's language.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), a =>
        {
            a.UseExceptionHandler();
            a.UseStatusCodePages();
        });
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), a =>
        {
            a.UseExceptionHandler("/error/500");
            a.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        app.UseHsts();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        foreach (var plugin in plugins.Plugins.Where(p => p.Status == PluginStatus.Active && p.AssetsDirectory is not null))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(plugin.AssetsDirectory!), RequestPath = "/plugins/" + plugin.Id });
        }

        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHapHealth();
        app.MapHapMetrics();
        app.MapOpenApi();
        app.MapViewers(plugins);
        app.MapCultureSwitch();
        app.MapRazorPages();
        app.MapHapJobsDashboard();
        return app;
    }

    private static void MapCultureSwitch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (!Cultures.Any(c => c.Name == culture))
            {
                return Results.BadRequest();
            }

            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365) });
            // Only local paths: the switch must not become an open redirect. No control characters either: "/\t/host"
            // is how browsers reach another host, and LocalRedirect refuses it with an exception (a 500).
            var target = returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.Any(char.IsControl) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();

    /// <summary>
    /// English pages are read in Belgium, not in the United States: day/month/year and the 24-hour clock (the British
    /// formats), while the resources stay the neutral "en" ones.
    /// </summary>
    private static CultureInfo English()
    {
        var english = (CultureInfo)CultureInfo.GetCultureInfo("en").Clone();
        english.DateTimeFormat = (DateTimeFormatInfo)CultureInfo.GetCultureInfo("en-GB").DateTimeFormat.Clone();
        return english;
    }
}
