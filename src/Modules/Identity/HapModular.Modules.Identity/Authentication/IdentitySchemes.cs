namespace HapModular.Modules.Identity.Authentication;

/// <summary>The cookie schemes and claim types the Identity module issues.</summary>
internal static class IdentitySchemes
{
    /// <summary>The default: a Bearer header goes to the personal access token handler, anything else to the session.</summary>
    public const string SessionOrToken = "HapSessionOrToken";

    /// <summary>The session after both factors.</summary>
    public const string Session = "HapSession";

    /// <summary>Between the password and the code: proves only the first factor, for five minutes.</summary>
    public const string TwoFactor = "HapTwoFactor";

    /// <summary>The physician's INAMI digits (what <c>ICurrentUser.Inami</c> reads).</summary>
    public const string InamiClaim = "hap:inami";

    /// <summary>The account's security stamp when the session began.</summary>
    public const string StampClaim = "hap:stamp";

    /// <summary>The ticket's own id (session or first factor), so the server can revoke that one cookie.</summary>
    public const string TicketClaim = "hap:ticket";

    /// <summary>When the session began (Unix seconds), for the absolute lifetime.</summary>
    public const string IssuedClaim = "hap:issued";
}
