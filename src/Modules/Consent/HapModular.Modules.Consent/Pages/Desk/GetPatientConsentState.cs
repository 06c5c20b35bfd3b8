using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Storage;
using Marten;
using MediatR;

namespace HapModular.Modules.Consent.Pages.Desk;

/// <summary>What the patient desk sees of one patient: consent status, every link, every exclusion.</summary>
internal sealed record GetPatientConsentState(Guid PatientId) : IRequest<PatientConsentState>;

internal sealed record PatientConsentState(PatientConsent? Consent, IReadOnlyList<TherapeuticLink> Links, IReadOnlyList<Exclusion> Exclusions)
{
    public ConsentStatus Status => Consent?.Status ?? ConsentStatus.None;
}

internal sealed class GetPatientConsentStateHandler(IConsentStore store) : IRequestHandler<GetPatientConsentState, PatientConsentState>
{
    public async Task<PatientConsentState> Handle(GetPatientConsentState request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var consent = await session.LoadAsync<PatientConsent>(StreamIds.Consent(request.PatientId), cancellationToken);
        var links = await session.Query<TherapeuticLink>().Where(l => l.PatientId == request.PatientId).OrderByDescending(l => l.DeclaredAt).ToListAsync(cancellationToken);
        var exclusions = await session.Query<Exclusion>().Where(x => x.PatientId == request.PatientId).OrderByDescending(x => x.ChangedAt).ToListAsync(cancellationToken);
        return new PatientConsentState(consent, links, exclusions);
    }
}
