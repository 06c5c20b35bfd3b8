namespace HapModular.Modules.Identity.Accounts;

/// <summary>Sign-in failures from one client address (any account, known or not).</summary>
internal sealed class AddressThrottle
{
    /// <summary>The client address.</summary>
    public string Id { get; set; } = string.Empty;

    public int Failures { get; set; }

    public DateTimeOffset LastFailure { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }
}
