using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Storage;
using MediatR;

namespace HapModular.Modules.Consent.Pages.Dpo.Emergency;

/// <summary>The DPO marks a grant justified or unjustified, with a comment (R5).</summary>
internal sealed record ReviewEmergencyAccess(Guid GrantId, bool Justified, string? Comment, Actor By) : IRequest<bool>;

internal sealed class ReviewEmergencyAccessHandler(IConsentStore store, TimeProvider time) : IRequestHandler<ReviewEmergencyAccess, bool>
{
    public async Task<bool> Handle(ReviewEmergencyAccess request, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<EmergencyGrant>(request.GrantId, cancellationToken);
        if (stream.Aggregate is not { Reviewed: false })
        {
            return false;
        }

        stream.AppendOne(new EmergencyAccessReviewed(request.Justified, request.Comment, time.GetUtcNow(), request.By));
        await session.SaveChangesAsync(cancellationToken);
        return true;
    }
}
