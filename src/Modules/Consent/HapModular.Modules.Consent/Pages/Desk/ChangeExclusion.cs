using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Outbox;
using HapModular.Modules.Consent.Storage;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Consent.Pages.Desk;

/// <summary>Adds or lifts the patient's exclusion of a physician (R4), matched on INAMI digits 1–8.</summary>
internal sealed record ChangeExclusion(Guid PatientId, string Inami, bool Exclude, string? PhysicianName, string? RequestReference, Actor By) : IRequest<bool>;

internal sealed class ChangeExclusionHandler(IConsentStore store, TimeProvider time, NoticeOutbox outbox) : IRequestHandler<ChangeExclusion, bool>
{
    public async Task<bool> Handle(ChangeExclusion request, CancellationToken cancellationToken)
    {
        var identity = IdentityOf(request.Inami);
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Exclusion>(StreamIds.Exclusion(request.PatientId, identity), cancellationToken);
        if ((stream.Aggregate?.Active ?? false) == request.Exclude)
        {
            return false;
        }

        var now = time.GetUtcNow();
        stream.AppendOne(request.Exclude
            ? new ExclusionAdded(request.PatientId, identity, request.PhysicianName, request.RequestReference, now, request.By)
            : new ExclusionLifted(request.PatientId, identity, request.RequestReference, now, request.By));
        var notice = request.Exclude ? Notices.ExclusionConfirmed(stream.Id, stream.CurrentVersion ?? 0, request.PatientId, now, request.PhysicianName, identity) : null;
        if (notice is not null)
        {
            outbox.Stage(session, notice);
        }

        await session.SaveChangesAsync(cancellationToken);
        if (notice is not null)
        {
            await outbox.DeliverAsync(notice, cancellationToken);
        }

        return true;
    }

    /// <summary>The 8 identity digits of a full INAMI (validated) or of 8 digits typed alone.</summary>
    public static string IdentityOf(string inami)
    {
        if (Inami.TryParse(inami, out var parsed, out _))
        {
            return parsed.Identity;
        }

        var digits = new string(inami.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 8 ? digits : throw new ArgumentException("Not an INAMI number", nameof(inami));
    }
}
