using HapModular.EmbeddedPostgres;

namespace HapModular.Host.Composition;

/// <summary>
/// The embedded PostgreSQL this process uses, if any, left last (after the web host and its job server are gone),
/// whether the host ran, failed to start or was stopped during start-up.
/// </summary>
internal sealed class EmbeddedDatabase : IAsyncDisposable
{
    public EmbeddedPostgresServer? Server { get; set; }

    public ValueTask DisposeAsync() => Server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
