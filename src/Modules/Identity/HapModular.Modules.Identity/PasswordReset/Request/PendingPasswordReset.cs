namespace HapModular.Modules.Identity.PasswordReset.Request;

/// <summary>
/// A reset asked on the public form, kept until its job has looked for the account. Stored for every address typed,
/// known or not, so the request itself does the same work in both cases (no timing oracle); deleted by the job.
/// </summary>
internal sealed class PendingPasswordReset
{
    public Guid Id { get; set; }

    /// <summary>The address as typed, trimmed and lower-cased (empty when absent or longer than an address can be).</summary>
    public string Email { get; set; } = string.Empty;

    /// <summary>The requester's address, for the audit record the job writes.</summary>
    public string? ClientAddress { get; set; }

    public DateTimeOffset RequestedAt { get; set; }
}
