using Npgsql;

namespace HapModular.Modules.Records.Storage;

/// <summary>
/// The Records module's plain SQL connections (schema <c>records</c>), for the documents table: the timeline's
/// keyset paging, per-kind counts and the idempotent insert are single indexed statements.
/// </summary>
internal sealed class RecordsDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>
    /// Whether Npgsql exchanges this source's text in UTF-8 (its default; a connection string may name another
    /// <c>Encoding</c>): readers that decode a column's raw bytes themselves (<see cref="Timeline.RepeatedText"/>) ask.
    /// </summary>
    public bool TextIsUtf8 { get; } = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Encoding is var e
        && (string.Equals(e, "UTF8", StringComparison.OrdinalIgnoreCase) || string.Equals(e, "UTF-8", StringComparison.OrdinalIgnoreCase));

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
