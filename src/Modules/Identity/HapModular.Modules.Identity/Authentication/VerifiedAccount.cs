namespace HapModular.Modules.Identity.Authentication;

/// <summary>
/// The account this request's own authentication found active, moments ago, in the database (the session check or
/// the access-token check). Consent's guard asks Identity "is this account active?" on every patient-scoped request;
/// the answer read at the start of the same request is that answer — reading the account document a second time cost
/// a round trip and its deserialisation per request. Lives for one request (lifetime scope), so it decides nothing
/// another request or another host could have changed since: a deactivation is seen by the next request everywhere.
/// </summary>
internal sealed class VerifiedAccount
{
    /// <summary>The account id read as active by this request's authentication, if any.</summary>
    public Guid? ActiveId { get; set; }
}
