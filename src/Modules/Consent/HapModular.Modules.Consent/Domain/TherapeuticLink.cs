namespace HapModular.Modules.Consent.Domain;

/// <summary>The current state of one (physician, patient) link stream; an inline projection read by the access check.</summary>
internal sealed class TherapeuticLink
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Guid PatientId { get; set; }

    public Guid PhysicianUserId { get; set; }

    public string PhysicianInami { get; set; } = string.Empty;

    public string PhysicianName { get; set; } = string.Empty;

    public string LinkType { get; set; } = string.Empty;

    public LinkStatus Status { get; set; }

    public string? ProofType { get; set; }

    public string? ProofReference { get; set; }

    public DateTimeOffset DeclaredAt { get; set; }

    public DateTimeOffset? Start { get; set; }

    public DateTimeOffset? End { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedByRole { get; set; }

    public string? RevocationReason { get; set; }

    /// <summary>Who revoked it: "My patients" says why only when it was this physician.</summary>
    public Guid? RevokedByUserId { get; set; }

    public string? RevocationNote { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => Status == LinkStatus.Active && Start <= now && now < End;
}

internal enum LinkStatus
{
    /// <summary>Declared, waiting for its proof: gives no access.</summary>
    Pending,
    Active,
    Revoked,
    Expired,
}
