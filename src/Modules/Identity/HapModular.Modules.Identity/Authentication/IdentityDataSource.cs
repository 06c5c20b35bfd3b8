using Npgsql;

namespace HapModular.Modules.Identity.Authentication;

/// <summary>The module's own connection pool for the key ring (Marten keeps its own); disposed with the host.</summary>
internal sealed class IdentityDataSource(NpgsqlDataSource source) : IDisposable
{
    public NpgsqlDataSource Source { get; } = source;

    public void Dispose() => Source.Dispose();
}
