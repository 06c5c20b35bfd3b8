using Marten;

namespace HapModular.Modules.Identity.AccessTokens;

/// <summary>A physician's personal access tokens, newest first (revoked and expired ones included, as his page shows them).</summary>
internal sealed class ListAccessTokens(IIdentityStore store)
{
    public async Task<IReadOnlyList<PersonalAccessToken>> ListAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var tokens = await session.Query<PersonalAccessToken>().Where(t => t.AccountId == accountId).ToListAsync(cancellationToken);
        return [.. tokens.OrderByDescending(t => t.CreatedAt)];
    }
}
