using Npgsql;

namespace HapModular.Modules.Interop.Storage;

/// <summary>The Interop module's connections (schema <c>interop</c>): the inbound messages and their fate.</summary>
internal sealed class InteropDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
