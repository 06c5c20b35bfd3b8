using Npgsql;

namespace HapModular.Modules.Notifications.Letters.Storage;

/// <summary>The letters' connections (schema <c>notifications</c>, tables <c>letters</c> and <c>access_codes</c>).</summary>
internal sealed class LetterDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
