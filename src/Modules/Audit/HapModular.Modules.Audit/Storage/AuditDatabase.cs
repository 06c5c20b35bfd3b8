using Npgsql;

namespace HapModular.Modules.Audit.Storage;

/// <summary>The Audit module's connections (schema <c>audit</c>).</summary>
internal sealed class AuditDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
