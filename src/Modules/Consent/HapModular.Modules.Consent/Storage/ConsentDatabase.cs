using Npgsql;

namespace HapModular.Modules.Consent.Storage;

/// <summary>
/// The module's plain SQL connections beside Marten's, for the access check's one statement on every patient-scoped
/// request: prepared statements, no reset (<see cref="Shared.PreparedDataSource"/>); disposed with the host.
/// </summary>
internal sealed class ConsentDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
