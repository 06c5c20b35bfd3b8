using Npgsql;

namespace HapModular.Modules.Shared;

/// <summary>
/// A data source whose repeated statements are prepared on the server after their second use. For the per-request
/// paths written in plain SQL (timeline, guard, audit append) PostgreSQL then skips parsing and planning each time:
/// under the timeline benchmark that planning was a large part of the database's CPU per page.
/// </summary>
public static class PreparedDataSource
{
    /// <summary>
    /// Creates the data source for <paramref name="connectionString"/> with automatic preparation, for a module's own
    /// plain SQL. Its connections are not reset when they go back to the pool: with prepared statements Npgsql's reset is
    /// seven statements (SET SESSION AUTHORIZATION DEFAULT, RESET ALL, CLOSE ALL, UNLISTEN *, pg_advisory_unlock_all,
    /// DISCARD SEQUENCES, DISCARD TEMP) parsed and run before the next use, and a page takes four or five connections
    /// from the pools — under the timeline benchmark those resets were the largest single share of PostgreSQL's CPU.
    /// The statements sent through these sources leave no session state behind (no SET, session advisory lock, LISTEN,
    /// cursor or temporary table: locks are transaction-scoped, <c>pg_advisory_xact_lock</c>), so there is nothing to
    /// reset. Marten's stores keep the reset (<see cref="ConnectionString"/>): their schema tooling is not ours to audit.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ConnectionString(connectionString)) { NoResetOnClose = true }.ConnectionString);

    /// <summary><paramref name="connectionString"/> with automatic preparation (also used for the Marten stores).</summary>
    public static string ConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 32, AutoPrepareMinUsages = 2 }.ConnectionString;
}
