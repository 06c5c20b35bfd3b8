using System.Globalization;
using System.Security.Claims;
using HapModular.Modules.Identity.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HapModular.Modules.Identity.Authentication;

/// <summary>
/// Checked on every request: the account is still active, its security stamp unchanged (sign-out everywhere,
/// deactivation, password change end sessions at once), this session not signed out (its ticket not revoked) and
/// younger than the absolute lifetime.
/// </summary>
internal sealed class SessionValidator(SessionState state, IdentitySettings settings, TimeProvider time, VerifiedAccount verified)
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null || !await IsValidAsync(principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentitySchemes.Session);
        }
    }

    private async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            || !long.TryParse(principal.FindFirstValue(IdentitySchemes.IssuedClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
            || time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued) > settings.AbsoluteLifetime)
        {
            return false;
        }

        if (principal.FindFirstValue(IdentitySchemes.TicketClaim) is not { Length: > 0 } ticket)
        {
            // Sessions issued before tickets existed cannot be revoked one by one: sign in again.
            return false;
        }

        // The account and the ticket's revocation in one round trip: this runs on every request.
        var (status, stamp, revoked) = await state.ReadAsync(id, ticket, cancellationToken);
        var valid = !revoked && status == AccountStatus.Active && stamp == principal.FindFirstValue(IdentitySchemes.StampClaim);
        verified.ActiveId = valid ? id : null;
        return valid;
    }
}
