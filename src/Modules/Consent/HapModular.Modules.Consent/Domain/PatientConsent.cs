using JasperFx.Events;
using Marten.Events.Aggregation;

namespace HapModular.Modules.Consent.Domain;

/// <summary>A patient's consent to electronic sharing (R3); no document means never given.</summary>
internal sealed class PatientConsent
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Guid PatientId { get; set; }

    public ConsentStatus Status { get; set; }

    public string? Method { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

internal enum ConsentStatus
{
    None,
    Given,
    Revoked,
    Deceased,
}

internal sealed class PatientConsentProjection : SingleStreamProjection<PatientConsent, Guid>
{
    public override PatientConsent? Evolve(PatientConsent? snapshot, Guid id, IEvent e)
    {
        // Only consent streams make consents (inline projections see every stream of the store).
        if (e.Data is not (ConsentGiven or ConsentRevoked or ConsentDeceased))
        {
            return snapshot;
        }

        var consent = snapshot ?? new PatientConsent { Id = id };
        switch (e.Data)
        {
            case ConsentGiven g:
                (consent.PatientId, consent.Status, consent.Method, consent.ChangedAt) = (g.PatientId, ConsentStatus.Given, g.Method, g.At);
                break;
            case ConsentRevoked r:
                (consent.PatientId, consent.Status, consent.ChangedAt) = (r.PatientId, ConsentStatus.Revoked, r.At);
                break;
            case ConsentDeceased d:
                (consent.PatientId, consent.Status, consent.ChangedAt) = (d.PatientId, ConsentStatus.Deceased, d.At);
                break;
        }

        consent.Version = e.Version;
        return consent;
    }
}
