using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace HapModular.Modules.Interop.Smart;

/// <summary>
/// What OpenIddict's degraded mode (no application store) leaves to the portal: the registered client and its exact
/// redirect URI at the authorize endpoint, the client (and its secret, for a confidential one) at the token endpoint,
/// and a code redeemed once only. Errors before the redirect URI is trusted are shown by the portal, never redirected.
/// </summary>
internal static class SmartServerHandlers
{
    public static void Register(OpenIddictServerBuilder options, SmartClients clients)
    {
        options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
        {
            var client = clients.Find(context.ClientId);
            if (client is null)
            {
                context.Reject(Errors.InvalidClient, "Unknown client_id: the GP software must be registered with the hospital.");
            }
            else if (!client.Redirects(context.RedirectUri))
            {
                context.Reject(Errors.InvalidRequest, "redirect_uri is not one registered for this client (exact match).");
            }

            return default;
        }));

        options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
        {
            var client = clients.Find(context.ClientId);
            if (client is null)
            {
                context.Reject(Errors.InvalidClient, "Unknown client_id.");
            }
            else if (client.Secret is not null && !client.Proves(context.ClientSecret))
            {
                context.Reject(Errors.InvalidClient, "Wrong or missing client_secret.");
            }

            return default;
        }));

        options.AddEventHandler<HandleTokenRequestContext>(handler => handler
            .UseSingletonHandler<RedeemCodeOnce>()
            .SetOrder(OpenIddictServerHandlers.Exchange.AttachPrincipal.Descriptor.Order + 1_000));
    }
}

/// <summary>
/// A code is good once (RFC 6749 §4.1.2), on whichever host redeems it; the token response names the launch patient
/// (SMART's <c>patient</c> parameter), the portal's patient id.
/// </summary>
internal sealed class RedeemCodeOnce(LaunchStore launches) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.AuthorizationCodePrincipal is not { } code)
        {
            return;
        }

        if (code.GetClaim(AuthorizeEndpoint.GrantClaim) is not { } grant || !await launches.RedeemAsync(grant, context.CancellationToken))
        {
            context.Reject(Errors.InvalidGrant, "The authorization code was already used.");
            return;
        }

        context.Parameters[HapModular.SharedKernel.LaunchContext.PatientClaim] = code.GetClaim(HapModular.SharedKernel.LaunchContext.PatientClaim);
        context.Parameters["need_patient_banner"] = false;
    }
}
