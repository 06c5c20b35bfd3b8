using Npgsql;

namespace HapModular.Host.Composition;

/// <summary>Which demo seeders already ran in this database: <c>host.demo_seeds</c> (seeder, version, when; Migrations/).</summary>
internal sealed class DemoSeedMarkers(string connectionString, TimeProvider time)
{
    public async Task<Dictionary<string, int>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var read = new NpgsqlCommand("SELECT seeder, version FROM host.demo_seeds", connection);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var done = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            done[reader.GetString(0)] = reader.GetInt32(1);
        }

        return done;
    }

    public async Task MarkAsync(string seeder, int version, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var mark = new NpgsqlCommand(
            "INSERT INTO host.demo_seeds (seeder, version, seeded_at) VALUES (@s, @v, @t) ON CONFLICT (seeder) DO UPDATE SET version = @v, seeded_at = @t", connection);
        mark.Parameters.AddWithValue("s", seeder);
        mark.Parameters.AddWithValue("v", version);
        mark.Parameters.AddWithValue("t", time.GetUtcNow());
        await mark.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
