using System.Globalization;
using System.Security.Claims;
using HapModular.Modules.Identity.Accounts;
using HapModular.SharedKernel;
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
        var (userId, issuedAt, ticketId, stamp) = SessionClaims(principal);
        if (!Guid.TryParse(userId, out var id)
            || !long.TryParse(issuedAt, NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
            || time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued) > settings.AbsoluteLifetime)
        {
            return false;
        }

        if (ticketId is not { Length: > 0 } ticket)
        {
            // Sessions issued before tickets existed cannot be revoked one by one: sign in again.
            return false;
        }

        // The account and the ticket's revocation in one round trip: this runs on every request.
        var (status, accountStamp, revoked) = await state.ReadAsync(id, ticket, cancellationToken);
        var valid = !revoked && status == AccountStatus.Active && stamp == accountStamp;
        verified.ActiveId = valid ? id : null;
        return valid;
    }

    // The four claims in one pass: this runs on every request.
    private static (string? UserId, string? Issued, string? Ticket, string? Stamp) SessionClaims(ClaimsPrincipal principal)
    {
        var values = new string?[4];
        PrincipalClaims.Read(principal, [ClaimTypes.NameIdentifier, IdentitySchemes.IssuedClaim, IdentitySchemes.TicketClaim, IdentitySchemes.StampClaim], values);
        return (values[0], values[1], values[2], values[3]);
    }
}
