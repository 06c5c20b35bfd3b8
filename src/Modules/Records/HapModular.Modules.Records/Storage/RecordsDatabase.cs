using Npgsql;

namespace HapModular.Modules.Records.Storage;

/// <summary>
/// The Records module's plain SQL connections (schema <c>records</c>), for the documents table: the timeline's
/// keyset paging, per-kind counts and the idempotent insert are single indexed statements.
/// </summary>
internal sealed class RecordsDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
