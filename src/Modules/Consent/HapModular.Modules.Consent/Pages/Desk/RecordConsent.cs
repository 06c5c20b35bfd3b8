using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Outbox;
using HapModular.Modules.Consent.Storage;
using MediatR;

namespace HapModular.Modules.Consent.Pages.Desk;

/// <summary>Patient-desk staff record the patient's consent status (R3) on the patient's request.</summary>
internal sealed record RecordConsent(Guid PatientId, ConsentStatus Status, string? Method, string? ProofReference, string? RequestReference, Actor By) : IRequest<bool>;

internal sealed class RecordConsentHandler(IConsentStore store, TimeProvider time, NoticeOutbox outbox) : IRequestHandler<RecordConsent, bool>
{
    public async Task<bool> Handle(RecordConsent request, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<PatientConsent>(StreamIds.Consent(request.PatientId), cancellationToken);
        var current = stream.Aggregate?.Status ?? ConsentStatus.None;
        if (current == request.Status || current == ConsentStatus.Deceased)
        {
            return false;
        }

        var now = time.GetUtcNow();
        object e = request.Status switch
        {
            ConsentStatus.Given => new ConsentGiven(request.PatientId, request.Method ?? ConsentMethods.Oral, request.ProofReference, request.RequestReference, now, request.By),
            ConsentStatus.Revoked => new ConsentRevoked(request.PatientId, request.RequestReference, now, request.By),
            ConsentStatus.Deceased => new ConsentDeceased(request.PatientId, request.RequestReference, now, request.By),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Status, "No event for this status"),
        };
        stream.AppendOne(e);
        // R3: the patient is told of every change made by someone else, and gets the confirmation of their own
        // withdrawal (made with their letter's code); nobody writes to the deceased.
        var status = request.Status == ConsentStatus.Given ? "given" : request.By.Role == ActorRoles.Patient ? "withdrawn-by-patient" : "revoked";
        var notice = request.Status != ConsentStatus.Deceased
            ? Notices.ConsentChanged(stream.Id, stream.CurrentVersion ?? 0, request.PatientId, now, status)
            : null;
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
}
