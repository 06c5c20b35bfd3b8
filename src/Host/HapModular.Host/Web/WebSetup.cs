using System.Globalization;
using HapModular.Host.Jobs;
using HapModular.Host.Plugins;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.FileProviders;
using Serilog;

namespace HapModular.Host.Web;

/// <summary>The web pipeline shared by every module: pages, localization, errors, health, OpenAPI, security headers.</summary>
internal static class WebSetup
{
    public static readonly CultureInfo[] Cultures = [new("fr"), new("nl"), new("de"), new("en")];

    public static IServiceCollection AddHapWeb(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<PageRoutes>();
        // Accented French/Dutch/German text stays readable in the HTML source (é, not &#xE9;); escaping is unchanged.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization();
        services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizerFactory, CachingStringLocalizerFactory>();
        services.AddRazorPages().AddViewLocalization().AddDataAnnotationsLocalization();
        services.AddSingleton<Microsoft.AspNetCore.Mvc.Infrastructure.IHttpResponseStreamWriterFactory, PageResponseWriterFactory>();
        services.AddProblemDetails();
        services.AddExceptionHandler<CorrelatedExceptionLog>();
        services.AddOpenApi();
        services.AddHealthChecks().AddNpgSql(connectionString, name: "postgresql", timeout: TimeSpan.FromSeconds(5));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = configuration.GetValue("Hap:ForwardLimit", 1);
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
        app.UseSerilogRequestLogging();
        app.UseStaticFiles();
        foreach (var plugin in plugins.Plugins.Where(p => p.Status == PluginStatus.Active && p.AssetsDirectory is not null))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(plugin.AssetsDirectory!), RequestPath = "/plugins/" + plugin.Id });
        }

        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health");
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
            // Only local paths: the switch must not become an open redirect.
            var target = returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
}
