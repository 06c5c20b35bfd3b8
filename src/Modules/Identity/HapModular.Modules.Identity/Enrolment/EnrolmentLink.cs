using System.Globalization;
using HapModular.Modules.Identity.Accounts;
using Microsoft.AspNetCore.DataProtection;

namespace HapModular.Modules.Identity.Enrolment;

/// <summary>
/// The enrolment page's link: which account it enrols, and the new TOTP secret carried between the page's two requests
/// in a hidden field encrypted for this link only, for 30 minutes.
/// </summary>
internal sealed class EnrolmentLink(IIdentityStore store, AccountLinks links, TimeProvider time, IDataProtectionProvider protection)
{
    public async Task<Account?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return (await links.FindAsync(session, token, TokenPurpose.Enrolment, cancellationToken))?.Account;
    }

    // The expiry is inside the encrypted payload and checked on the host's TimeProvider (not the system clock).
    public string ProtectSecret(string token, string secret) =>
        Protector(token).Protect((time.GetUtcNow() + TimeSpan.FromMinutes(30)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "|" + secret);

    public string? UnprotectSecret(string token, string? protectedSecret)
    {
        try
        {
            var parts = protectedSecret is null ? [] : Protector(token).Unprotect(protectedSecret).Split('|');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                && DateTimeOffset.FromUnixTimeSeconds(expires) > time.GetUtcNow() ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private IDataProtector Protector(string token) =>
        protection.CreateProtector("HapModular.Identity.Enrolment.v1", AccountToken.HashOf(token));
}
