using System.Security.Claims;
using HapModular.SharedKernel;

namespace HapModular.Host.Web;

/// <summary>
/// What a request's principal says, read in one pass over its claims and kept with the request (a feature) for as long
/// as that principal is the request's user. Why: the guard, the audit, the page and its layout ask for the user's id,
/// INAMI and roles some twenty times a request, and each question walked the claims again (a boxed enumerator each,
/// ~1 KiB a page; issue 15). Answers exactly as <see cref="ClaimsPrincipal.FindFirst(string)"/> and
/// <see cref="ClaimsPrincipal.IsInRole"/>: identities in order, the first claim of a type, each identity's own role type.
/// </summary>
internal sealed class UserClaims
{
    public static readonly UserClaims Anonymous = new(null);

    private readonly ClaimsPrincipal? principal;
    private readonly List<string> roles = [];

    private UserClaims(ClaimsPrincipal? principal)
    {
        this.principal = principal;
        if (principal is null)
        {
            return;
        }

        IsAuthenticated = principal.Identity?.IsAuthenticated == true;
        var values = new string?[4];
        PrincipalClaims.Read(principal, [ClaimTypes.NameIdentifier, ClaimTypes.Name, HttpCurrentUser.InamiClaim, LaunchContext.PatientClaim], values, roles);
        var (id, name, launch) = (values[0], values[1], values[3]);
        Inami = values[2];
        UserId = Guid.TryParse(id, out var userId) ? userId : Guid.Empty;
        DisplayName = name ?? string.Empty;
        LaunchPatient = Guid.TryParse(launch, out var patient) ? patient : null;
    }

    public bool IsAuthenticated { get; }

    public Guid UserId { get; }

    public string DisplayName { get; } = string.Empty;

    public string? Inami { get; }

    public Guid? LaunchPatient { get; }

    // List.Contains compares ordinally, as ClaimsIdentity compares role values, without LINQ's boxed enumerator.
    public bool IsInRole(string role) => roles.Contains(role);

    /// <summary>The request's user's claims; read again when the request's user changed (sign-in, a rejected session).</summary>
    public static UserClaims Of(HttpContext context)
    {
        var user = context.User;
        if (context.Features.Get<UserClaims>() is { } known && ReferenceEquals(known.principal, user))
        {
            return known;
        }

        var read = new UserClaims(user);
        context.Features.Set(read);
        return read;
    }
}
