using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Pages.Desk;
using HapModular.Modules.Consent.Pages.Patients;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Consent.Pages.PatientRights;

/// <summary>
/// The patient's own requests, with their letter's code: the shared guard checks the code against the patient and
/// writes the audit record (allowed or denied) before any handler runs. Each action goes through the command the desk
/// uses, as the patient (history, letter, access decision alike).
/// </summary>
internal abstract record OwnRequest(Guid PatientId, string AccessCode, DateOnly BirthDate) : IPatientScoped, IPatientSelfService
{
    public abstract string AuditAction { get; }

    /// <summary>The patient as the author of the change (no account: the code stood for them).</summary>
    public static Actor Patient => new(Guid.Empty, "Patient", ActorRoles.Patient);
}

/// <summary>The patient's links, exclusions and consent, to act on them.</summary>
internal sealed record GetOwnRights(Guid PatientId, string AccessCode, DateOnly BirthDate) : OwnRequest(PatientId, AccessCode, BirthDate), IRequest<PatientConsentState>
{
    public override string AuditAction => PatientScopedActions.OwnRights;
}

/// <summary>The patient revokes one of their own links (any other link id changes nothing).</summary>
internal sealed record RevokeOwnLink(Guid PatientId, Guid LinkId, string AccessCode, DateOnly BirthDate) : OwnRequest(PatientId, AccessCode, BirthDate), IRequest<bool>
{
    public override string AuditAction => PatientScopedActions.OwnRevokeLink;
}

/// <summary>The patient excludes a physician (R4), by INAMI.</summary>
internal sealed record ExcludeOwnPhysician(Guid PatientId, string Inami, string? PhysicianName, string AccessCode, DateOnly BirthDate) : OwnRequest(PatientId, AccessCode, BirthDate), IRequest<bool>
{
    public override string AuditAction => PatientScopedActions.OwnExclude;
}

/// <summary>The patient withdraws their consent (R3): every external access stops.</summary>
internal sealed record WithdrawOwnConsent(Guid PatientId, string AccessCode, DateOnly BirthDate) : OwnRequest(PatientId, AccessCode, BirthDate), IRequest<bool>
{
    public override string AuditAction => PatientScopedActions.OwnWithdrawConsent;
}

internal sealed class OwnRequestHandlers(IMediator mediator)
    : IRequestHandler<GetOwnRights, PatientConsentState>,
      IRequestHandler<RevokeOwnLink, bool>,
      IRequestHandler<ExcludeOwnPhysician, bool>,
      IRequestHandler<WithdrawOwnConsent, bool>
{
    public Task<PatientConsentState> Handle(GetOwnRights request, CancellationToken cancellationToken) =>
        mediator.Send(new GetPatientConsentState(request.PatientId), cancellationToken);

    public async Task<bool> Handle(RevokeOwnLink request, CancellationToken cancellationToken)
    {
        var state = await mediator.Send(new GetPatientConsentState(request.PatientId), cancellationToken);
        return state.Links.Any(l => l.Id == request.LinkId)
            && await mediator.Send(new RevokeLink(request.LinkId, "patient-request", null, OwnRequest.Patient), cancellationToken);
    }

    public Task<bool> Handle(ExcludeOwnPhysician request, CancellationToken cancellationToken) =>
        mediator.Send(new ChangeExclusion(request.PatientId, request.Inami, true, request.PhysicianName, null, OwnRequest.Patient), cancellationToken);

    public Task<bool> Handle(WithdrawOwnConsent request, CancellationToken cancellationToken) =>
        mediator.Send(new RecordConsent(request.PatientId, ConsentStatus.Revoked, null, null, null, OwnRequest.Patient), cancellationToken);
}
