namespace HapModular.Modules.Identity.Authentication;

/// <summary>
/// A cookie ticket the server no longer honours, by its id claim: a session ended by sign-out, or a first-factor
/// ticket already spent on a session. Cookies are self-contained, so without this list a copy saved before sign-out
/// (a shared PC, a proxy log) would keep working until it expires. Kept until the ticket could have expired anyway.
/// </summary>
internal sealed class RevokedTicket
{
    /// <summary>The ticket's id claim (<see cref="IdentitySchemes.TicketClaim"/>).</summary>
    public string Id { get; set; } = string.Empty;

    public DateTimeOffset RevokedAt { get; set; }

    /// <summary>After this the cookie is refused for its age anyway; the row may be deleted.</summary>
    public DateTimeOffset KeepUntil { get; set; }
}
