using HapModular.Modules.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;

namespace HapModular.Modules.Interop.Smart;

/// <summary>
/// The portal as the SMART App Launch authorization server of its own <c>/fhir</c> (OpenIddict 7, degraded mode: no
/// application or token store — clients come from configuration, codes and access tokens are protected by the
/// ASP.NET Core key ring that every host already shares in PostgreSQL, and codes are spent in <c>interop.smart_codes</c>).
/// Authorization code with PKCE S256 only; codes live one minute, access tokens fifteen.
/// </summary>
internal static class SmartServer
{
    public const string AuthorizePath = "smart/authorize";
    public const string TokenPath = "smart/token";
    public const string JwksPath = "smart/jwks";
    public const string DiscoveryPath = ".well-known/openid-configuration";

    public static void AddSmartServer(this IServiceCollection services, ModuleContext context)
    {
        var clients = SmartClients.From(context.Configuration);
        services.AddSingleton(clients);
        var (signing, encryption) = SmartKeys.Load(context, clients.All.Count > 0);
        services.AddOpenIddict()
            .AddServer(options =>
            {
                options.SetIssuer(context.PublicBaseUrl);
                options.SetAuthorizationEndpointUris(AuthorizePath)
                    .SetTokenEndpointUris(TokenPath)
                    .SetJsonWebKeySetEndpointUris(JwksPath)
                    .SetConfigurationEndpointUris(DiscoveryPath);
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                options.Configure(o =>
                {
                    // S256 only: "plain" would hand the verifier to whoever reads the authorize URL.
                    o.CodeChallengeMethods.Clear();
                    o.CodeChallengeMethods.Add(OpenIddict.Abstractions.OpenIddictConstants.CodeChallengeMethods.Sha256);
                });
                options.RegisterScopes(SmartScopes.All);
                options.EnableDegradedMode();
                options.SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(1))
                    .SetAccessTokenLifetime(TimeSpan.FromMinutes(15))
                    .SetIdentityTokenLifetime(TimeSpan.FromMinutes(15));
                options.AddSigningKey(signing).AddEncryptionKey(encryption);
                options.UseDataProtection();
                var aspNetCore = options.UseAspNetCore().EnableAuthorizationEndpointPassthrough();
                if (context.PublicBaseUrl.Scheme == Uri.UriSchemeHttp)
                {
                    // The demo and the tests run on plain HTTP; a real portal is HTTPS (behind its known proxies).
                    aspNetCore.DisableTransportSecurityRequirement();
                }

                SmartServerHandlers.Register(options, clients);
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();
                options.UseDataProtection();
                options.UseAspNetCore();
            });
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, SmartTokenHandler>(AcceptsAccessTokens.SmartScheme, _ => { });
        // OpenIddict's handlers look at every request; these stand-ins wake them only where they act (pages stay cheap).
        services.PostConfigure<AuthenticationOptions>(o =>
        {
            o.SchemeMap[OpenIddictServerAspNetCoreDefaults.AuthenticationScheme].HandlerType = typeof(OpenIddictServerOnItsEndpoints);
            o.SchemeMap[OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme].HandlerType = typeof(OpenIddictValidationWithAuthorizationHeader);
        });
    }
}
