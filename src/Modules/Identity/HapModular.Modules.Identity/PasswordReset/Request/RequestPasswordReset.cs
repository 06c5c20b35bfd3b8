using Hangfire;

namespace HapModular.Modules.Identity.PasswordReset.Request;

/// <summary>
/// The request half, run by the page: stores the typed address and queues <see cref="RequestPasswordResetJob"/>.
/// It never looks at accounts, so a known and an unknown address cost the same (same commands, same page).
/// </summary>
internal sealed class RequestPasswordReset(IIdentityStore store, IBackgroundJobClient jobs, TimeProvider time)
{
    public async Task QueueAsync(string? email, string? clientAddress, CancellationToken cancellationToken)
    {
        var normalized = (email ?? string.Empty).Trim().ToLowerInvariant();
        var pending = new PendingPasswordReset
        {
            Id = Guid.NewGuid(),
            Email = normalized.Length <= 320 ? normalized : string.Empty,
            ClientAddress = clientAddress,
            RequestedAt = time.GetUtcNow(),
        };
        await using var session = store.LightweightSession();
        session.Store(pending);
        await session.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<RequestPasswordResetJob>(job => job.RunAsync(pending.Id, CancellationToken.None));
    }
}
