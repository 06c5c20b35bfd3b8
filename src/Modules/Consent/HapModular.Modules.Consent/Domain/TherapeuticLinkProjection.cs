using JasperFx.Events;
using Marten.Events.Aggregation;

namespace HapModular.Modules.Consent.Domain;

/// <summary>Folds a link stream into <see cref="TherapeuticLink"/> (explicit, no conventions: Marten 9 generates no code).</summary>
internal sealed class TherapeuticLinkProjection : SingleStreamProjection<TherapeuticLink, Guid>
{
    public override TherapeuticLink? Evolve(TherapeuticLink? snapshot, Guid id, IEvent e)
    {
        // Only link streams make links (inline projections see every stream of the store).
        if (e.Data is not (LinkDeclared or LinkProofAttached or LinkActivated or LinkRenewed or LinkRevoked or LinkExpired)
            || (snapshot is null && e.Data is not LinkDeclared))
        {
            return snapshot;
        }

        var link = snapshot ?? new TherapeuticLink { Id = id };
        switch (e.Data)
        {
            case LinkDeclared d:
                // A new declaration opens a new period: the previous one's proof and dates no longer count.
                link.PatientId = d.PatientId;
                link.PhysicianUserId = d.PhysicianUserId;
                link.PhysicianInami = d.PhysicianInami;
                link.PhysicianName = d.PhysicianName;
                link.LinkType = d.LinkType;
                link.Status = LinkStatus.Pending;
                link.DeclaredAt = d.At;
                link.ProofType = null;
                link.ProofReference = null;
                link.Start = null;
                link.End = null;
                link.RevokedAt = null;
                link.RevokedByRole = null;
                link.RevocationReason = null;
                link.RevokedByUserId = null;
                link.RevocationNote = null;
                break;
            case LinkProofAttached p:
                link.ProofType = p.ProofType;
                link.ProofReference = p.ProofReference;
                break;
            case LinkActivated a:
                link.Status = LinkStatus.Active;
                link.Start = a.Start;
                link.End = a.End;
                break;
            case LinkRenewed r:
                link.Status = LinkStatus.Active;
                link.ProofType = r.ProofType;
                link.ProofReference = r.ProofReference;
                link.Start = r.Start;
                link.End = r.End;
                break;
            case LinkRevoked r:
                link.Status = LinkStatus.Revoked;
                link.RevokedAt = r.At;
                link.RevokedByRole = r.By.Role;
                link.RevocationReason = r.Reason;
                link.RevokedByUserId = r.By.UserId;
                link.RevocationNote = r.Note;
                break;
            case LinkExpired:
                link.Status = LinkStatus.Expired;
                break;
        }

        link.Version = e.Version;
        return link;
    }
}
