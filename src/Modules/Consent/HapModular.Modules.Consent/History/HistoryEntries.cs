using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Consent.Domain;
using JasperFx.Events;

namespace HapModular.Modules.Consent.History;

/// <summary>One event as the history shows it.</summary>
internal static class HistoryEntries
{
    public static ConsentHistoryEntry? From(IEvent e, string? physicianName, string? linkType)
    {
        var id = e.StreamId;
        return e.Data switch
        {
            LinkDeclared d => new(d.At, "link-declared", d.By.Name, d.By.Role, d.PhysicianName, d.LinkType, null, null, null, id),
            LinkProofAttached p => new(p.At, "link-proof-attached", p.By.Name, p.By.Role, physicianName, linkType, null, p.ProofType, null, id),
            LinkActivated a => new(a.At, "link-activated", a.By.Name, a.By.Role, physicianName, linkType, a.End, null, null, id),
            LinkRenewed r => new(r.At, "link-renewed", r.By.Name, r.By.Role, physicianName, linkType, r.End, r.ProofType, null, id),
            LinkRevoked r => new(r.At, "link-revoked", r.By.Name, r.By.Role, physicianName, linkType, null, r.Note is { Length: > 0 } n ? r.Reason + ": " + n : r.Reason, r.RequestReference, id),
            LinkExpired x => new(x.At, "link-expired", x.By.Name, x.By.Role, physicianName, linkType, x.End, null, null, id),
            ConsentGiven g => new(g.At, "consent-given", g.By.Name, g.By.Role, null, null, null, g.Method, g.RequestReference, id),
            ConsentRevoked r => new(r.At, "consent-revoked", r.By.Name, r.By.Role, null, null, null, null, r.RequestReference, id),
            ConsentDeceased d => new(d.At, "consent-deceased", d.By.Name, d.By.Role, null, null, null, null, d.RequestReference, id),
            ExclusionAdded a => new(a.At, "exclusion-added", a.By.Name, a.By.Role, a.PhysicianName ?? a.InamiIdentity, null, null, null, a.RequestReference, id),
            ExclusionLifted l => new(l.At, "exclusion-lifted", l.By.Name, l.By.Role, physicianName ?? l.InamiIdentity, null, null, null, l.RequestReference, id),
            EmergencyAccessGranted g => new(g.At, "emergency-granted", g.By.Name, g.By.Role, g.PhysicianName, null, g.ExpiresAt, g.Category, null, id),
            EmergencyAccessReviewed r => new(r.At, "emergency-reviewed", r.By.Name, r.By.Role, physicianName, null, null,
                (r.Justified ? "justified" : "unjustified") + (r.Comment is { Length: > 0 } c ? ": " + c : string.Empty), null, id),
            _ => null,
        };
    }
}
