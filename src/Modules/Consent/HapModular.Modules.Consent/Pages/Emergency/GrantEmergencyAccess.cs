using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Outbox;
using HapModular.Modules.Consent.Storage;
using MediatR;

namespace HapModular.Modules.Consent.Pages.Emergency;

/// <summary>Break the glass (R5): a reason category and a justification of at least 20 characters.</summary>
internal sealed record GrantEmergencyAccess(
    Guid PatientId, Guid PhysicianUserId, string PhysicianInami, string PhysicianName, string Category, string Justification) : IRequest<EmergencyGrantResult>;

internal sealed record EmergencyGrantResult(EmergencyGrantOutcome Outcome, Guid? GrantId, DateTimeOffset? ExpiresAt);

internal enum EmergencyGrantOutcome
{
    Granted,
    InvalidRequest,

    /// <summary>No consent or an exclusion: the same neutral refusal.</summary>
    Refused,
}

internal sealed class GrantEmergencyAccessHandler(IConsentStore store, TimeProvider time, ConsentOptions options, NoticeOutbox outbox) : IRequestHandler<GrantEmergencyAccess, EmergencyGrantResult>
{
    public const int MinimumJustification = 20;

    public async Task<EmergencyGrantResult> Handle(GrantEmergencyAccess request, CancellationToken cancellationToken)
    {
        if (!EmergencyCategories.All.Contains(request.Category) || request.Justification.Trim().Length < MinimumJustification)
        {
            return new EmergencyGrantResult(EmergencyGrantOutcome.InvalidRequest, null, null);
        }

        await using var session = store.LightweightSession();
        var consent = await session.LoadAsync<PatientConsent>(StreamIds.Consent(request.PatientId), cancellationToken);
        var exclusion = await session.LoadAsync<Exclusion>(
            StreamIds.Exclusion(request.PatientId, Desk.ChangeExclusionHandler.IdentityOf(request.PhysicianInami)), cancellationToken);
        if (consent?.Status != ConsentStatus.Given || (exclusion?.Active == true && options.ExclusionBlocksEmergency))
        {
            return new EmergencyGrantResult(EmergencyGrantOutcome.Refused, null, null);
        }

        var now = time.GetUtcNow();
        var expires = now + options.EmergencyWindow;
        var grantId = Guid.NewGuid();
        var by = new Actor(request.PhysicianUserId, request.PhysicianName, ActorRoles.Physician);
        session.Events.StartStream<EmergencyGrant>(grantId, new EmergencyAccessGranted(
            request.PatientId, request.PhysicianUserId, request.PhysicianInami, request.PhysicianName, request.Category, request.Justification.Trim(), expires, now, by));
        var notice = new PatientNoticeRequested(
            $"{grantId}:1", PatientNoticeKind.EmergencyAccess, request.PatientId, now, request.PhysicianUserId, request.PhysicianName, request.PhysicianInami, null, now, expires);
        outbox.Stage(session, notice);
        await session.SaveChangesAsync(cancellationToken);
        await outbox.DeliverAsync(notice, cancellationToken);
        return new EmergencyGrantResult(EmergencyGrantOutcome.Granted, grantId, expires);
    }
}
