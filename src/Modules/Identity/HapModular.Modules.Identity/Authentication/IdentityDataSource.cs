using Npgsql;

namespace HapModular.Modules.Identity.Authentication;

/// <summary>
/// The module's own connection pool for plain SQL — the key ring and the per-request session check (Marten keeps its
/// own) — prepared statements, no reset (<see cref="Shared.PreparedDataSource"/>); disposed with the host.
/// </summary>
internal sealed class IdentityDataSource(NpgsqlDataSource source) : IDisposable
{
    public NpgsqlDataSource Source { get; } = source;

    public void Dispose() => Source.Dispose();
}
