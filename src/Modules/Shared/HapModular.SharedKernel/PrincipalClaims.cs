using System.Security.Claims;

namespace HapModular.SharedKernel;

/// <summary>
/// Several claims of a principal in one pass, each as <see cref="ClaimsPrincipal.FindFirst(string)"/> finds it
/// (identities in order, the first claim of the type, types compared ignoring case). Why: code that runs on every
/// request asked for four or five claims one by one, and each question walked the claims again.
/// </summary>
public static class PrincipalClaims
{
    /// <summary>
    /// Fills <paramref name="firsts"/>[i] with the first value of <paramref name="types"/>[i] (null when absent); adds to
    /// <paramref name="roles"/>, when given, each role as <see cref="ClaimsPrincipal.IsInRole"/> sees them (every claim of
    /// its identity's own role claim type).
    /// </summary>
    public static void Read(ClaimsPrincipal principal, ReadOnlySpan<string> types, Span<string?> firsts, List<string>? roles = null)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (firsts.Length < types.Length)
        {
            throw new ArgumentException("One place per claim type.", nameof(firsts));
        }

        firsts.Clear();
        foreach (var identity in principal.Identities)
        {
            foreach (var claim in identity.Claims)
            {
                for (var i = 0; i < types.Length; i++)
                {
                    if (firsts[i] is null && Is(claim, types[i]))
                    {
                        firsts[i] = claim.Value;
                    }
                }

                if (roles is not null && Is(claim, identity.RoleClaimType))
                {
                    roles.Add(claim.Value);
                }
            }
        }
    }

    private static bool Is(Claim claim, string type) => string.Equals(claim.Type, type, StringComparison.OrdinalIgnoreCase);
}
