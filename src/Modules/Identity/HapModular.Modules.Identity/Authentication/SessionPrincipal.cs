using System.Globalization;
using System.Security.Claims;
using HapModular.Modules.Identity.Accounts;

namespace HapModular.Modules.Identity.Authentication;

/// <summary>The claims of a session, exactly as <c>ICurrentUser</c> reads them.</summary>
internal static class SessionPrincipal
{
    public static ClaimsPrincipal For(Account account, DateTimeOffset issuedAt)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(ClaimTypes.Name, account.DisplayName),
            new(IdentitySchemes.StampClaim, account.SecurityStamp),
            new(IdentitySchemes.TicketClaim, NewTicketId()),
            new(IdentitySchemes.IssuedClaim, issuedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (account.IsPhysician && account.Inami is not null)
        {
            claims.Add(new Claim(IdentitySchemes.InamiClaim, account.Inami));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, IdentitySchemes.Session, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>After the password only: the account, its stamp and a ticket id (spent by the session it opens), nothing that grants access.</summary>
    public static ClaimsPrincipal FirstFactor(Account account) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
                new Claim(IdentitySchemes.StampClaim, account.SecurityStamp),
                new Claim(IdentitySchemes.TicketClaim, NewTicketId()),
            ],
            IdentitySchemes.TwoFactor));

    private static string NewTicketId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
