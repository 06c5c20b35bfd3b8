using JasperFx.Events;
using Marten.Events.Aggregation;

namespace HapModular.Modules.Consent.Domain;

/// <summary>A break-the-glass grant (one stream each) and its DPO review.</summary>
internal sealed class EmergencyGrant
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Guid PatientId { get; set; }

    public Guid PhysicianUserId { get; set; }

    public string PhysicianInami { get; set; } = string.Empty;

    public string PhysicianName { get; set; } = string.Empty;

    public string Category { get; set; } = string.Empty;

    public string Justification { get; set; } = string.Empty;

    public DateTimeOffset GrantedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public bool Reviewed { get; set; }

    public bool? Justified { get; set; }

    public string? ReviewComment { get; set; }

    public string? ReviewerName { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => GrantedAt <= now && now < ExpiresAt;
}

internal sealed class EmergencyGrantProjection : SingleStreamProjection<EmergencyGrant, Guid>
{
    public override EmergencyGrant? Evolve(EmergencyGrant? snapshot, Guid id, IEvent e)
    {
        // Inline projections see every stream of the store: a link's or a consent's events make no grant (they did,
        // and the DPO queue listed every link as a blank "emergency access").
        if (e.Data is not (EmergencyAccessGranted or EmergencyAccessReviewed) || (snapshot is null && e.Data is not EmergencyAccessGranted))
        {
            return snapshot;
        }

        var grant = snapshot ?? new EmergencyGrant { Id = id };
        switch (e.Data)
        {
            case EmergencyAccessGranted g:
                grant.PatientId = g.PatientId;
                grant.PhysicianUserId = g.PhysicianUserId;
                grant.PhysicianInami = g.PhysicianInami;
                grant.PhysicianName = g.PhysicianName;
                grant.Category = g.Category;
                grant.Justification = g.Justification;
                grant.GrantedAt = g.At;
                grant.ExpiresAt = g.ExpiresAt;
                break;
            case EmergencyAccessReviewed r:
                grant.Reviewed = true;
                grant.Justified = r.Justified;
                grant.ReviewComment = r.Comment;
                grant.ReviewerName = r.By.Name;
                grant.ReviewedAt = r.At;
                break;
        }

        grant.Version = e.Version;
        return grant;
    }
}
