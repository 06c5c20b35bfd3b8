using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Storage;
using HapModular.Modules.Shared;
using MediatR;

namespace HapModular.Modules.Consent.Pages.Dpo.Emergency;

/// <summary>The DPO marks a grant justified or unjustified, with a comment (R5); the decision is audited too.</summary>
internal sealed record ReviewEmergencyAccess(Guid GrantId, bool Justified, string? Comment, Actor By) : IRequest<bool>;

internal sealed class ReviewEmergencyAccessHandler(IConsentStore store, TimeProvider time, IMediator mediator, ICurrentUser user) : IRequestHandler<ReviewEmergencyAccess, bool>
{
    public const string AuditAction = "emergency-review";

    public async Task<bool> Handle(ReviewEmergencyAccess request, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<EmergencyGrant>(request.GrantId, cancellationToken);
        // Only a real grant: a link's or a consent's id must never take a review (older stores held blank "grants").
        if (stream.Aggregate is not { Reviewed: false } grant || grant.PhysicianUserId == Guid.Empty)
        {
            return false;
        }

        stream.AppendOne(new EmergencyAccessReviewed(request.Justified, request.Comment, time.GetUtcNow(), request.By));
        await session.SaveChangesAsync(cancellationToken);
        await mediator.Send(
            new RecordAudit(
                AuditAction, AuditOutcome.Allowed, request.By.UserId, request.By.Name, null, user.ClientAddress, grant.PatientId,
                Reason: request.Justified ? "justified" : "unjustified", LinkOrGrantId: grant.Id),
            cancellationToken);
        return true;
    }
}
