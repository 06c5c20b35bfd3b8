using Npgsql;

namespace HapModular.Modules.Shared;

/// <summary>
/// A data source whose repeated statements are prepared on the server after their second use. For the per-request
/// paths written in plain SQL (timeline, guard, audit append) PostgreSQL then skips parsing and planning each time:
/// under the timeline benchmark that planning was a large part of the database's CPU per page.
/// </summary>
public static class PreparedDataSource
{
    /// <summary>Creates the data source for <paramref name="connectionString"/> with automatic preparation.</summary>
    public static NpgsqlDataSource Create(string connectionString) => NpgsqlDataSource.Create(ConnectionString(connectionString));

    /// <summary><paramref name="connectionString"/> with automatic preparation (also used for the Marten stores).</summary>
    public static string ConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 32, AutoPrepareMinUsages = 2 }.ConnectionString;
}
