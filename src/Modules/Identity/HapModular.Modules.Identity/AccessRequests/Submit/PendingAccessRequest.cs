namespace HapModular.Modules.Identity.AccessRequests.Submit;

/// <summary>
/// A checked access-request form, kept until its job has compared it with the accounts. Stored for every request,
/// new INAMI or not, so the request itself does the same work in both cases (no timing oracle); deleted by the job.
/// </summary>
internal sealed class PendingAccessRequest
{
    public Guid Id { get; set; }

    public AccessRequestForm Form { get; set; } = new();

    /// <summary>The checked INAMI number (11 digits).</summary>
    public string Inami { get; set; } = string.Empty;

    public string Specialty { get; set; } = string.Empty;

    /// <summary>The page's language, the account's language if one is created.</summary>
    public string Language { get; set; } = "fr";

    /// <summary>The requester's address, for the audit record the job writes.</summary>
    public string? ClientAddress { get; set; }

    public DateTimeOffset RequestedAt { get; set; }
}
