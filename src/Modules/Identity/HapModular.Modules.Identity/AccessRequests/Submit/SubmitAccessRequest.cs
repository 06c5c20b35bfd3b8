using System.Globalization;
using Hangfire;
using HapModular.SharedKernel;

namespace HapModular.Modules.Identity.AccessRequests.Submit;

/// <summary>
/// The request half, run by the page once the form is valid: stores it and queues <see cref="SubmitAccessRequestJob"/>.
/// It never looks at accounts, so a known and a new INAMI cost the same (same commands, same page).
/// </summary>
internal sealed class SubmitAccessRequest(IIdentityStore store, IBackgroundJobClient jobs, TimeProvider time)
{
    public async Task QueueAsync(AccessRequestForm form, Inami inami, string specialty, string? clientAddress, CancellationToken cancellationToken)
    {
        var pending = new PendingAccessRequest
        {
            Id = Guid.NewGuid(),
            Form = form,
            Inami = inami.Digits,
            Specialty = specialty,
            Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            ClientAddress = clientAddress,
            RequestedAt = time.GetUtcNow(),
        };
        await using var session = store.LightweightSession();
        session.Store(pending);
        await session.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<SubmitAccessRequestJob>(job => job.RunAsync(pending.Id, CancellationToken.None));
    }
}
