using HapModular.Modules.Identity.Accounts;
using Marten;

namespace HapModular.Modules.Identity.AccessRequests;

/// <summary>The admin's queue: access requests not decided yet, oldest first.</summary>
internal sealed class PendingAccessRequests(IIdentityStore store)
{
    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var pending = await session.Query<Account>().Where(a => a.Status == AccountStatus.Requested).ToListAsync(cancellationToken);
        return pending.OrderBy(a => a.CreatedAt).ToList();
    }
}
