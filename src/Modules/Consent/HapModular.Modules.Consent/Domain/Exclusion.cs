using JasperFx.Events;
using Marten.Events.Aggregation;

namespace HapModular.Modules.Consent.Domain;

/// <summary>One patient's exclusion of one physician identity (INAMI digits 1–8).</summary>
internal sealed class Exclusion
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Guid PatientId { get; set; }

    public string InamiIdentity { get; set; } = string.Empty;

    public string? PhysicianName { get; set; }

    public bool Active { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class ExclusionProjection : SingleStreamProjection<Exclusion, Guid>
{
    public override Exclusion? Evolve(Exclusion? snapshot, Guid id, IEvent e)
    {
        // Only exclusion streams make exclusions (inline projections see every stream of the store).
        if (e.Data is not (ExclusionAdded or ExclusionLifted) || (snapshot is null && e.Data is not ExclusionAdded))
        {
            return snapshot;
        }

        var exclusion = snapshot ?? new Exclusion { Id = id };
        switch (e.Data)
        {
            case ExclusionAdded a:
                (exclusion.PatientId, exclusion.InamiIdentity, exclusion.PhysicianName, exclusion.Active, exclusion.ChangedAt) =
                    (a.PatientId, a.InamiIdentity, a.PhysicianName ?? exclusion.PhysicianName, true, a.At);
                break;
            case ExclusionLifted l:
                (exclusion.Active, exclusion.ChangedAt) = (false, l.At);
                break;
        }

        exclusion.Version = e.Version;
        return exclusion;
    }
}
