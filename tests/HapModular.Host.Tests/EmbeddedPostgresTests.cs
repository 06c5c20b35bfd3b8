using System.Net.Sockets;
using HapModular.EmbeddedPostgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HapModular.Host.Tests;

public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task A_cluster_keeps_its_data_across_restarts_and_stops_listening_when_disposed()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hap-tests", "restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new EmbeddedPostgresOptions { ClusterDirectory = dir, Database = "keep" };
            int port;
            await using (var first = await EmbeddedPostgresServer.StartAsync(options, NullLogger.Instance))
            {
                port = first.Port;
                await ExecuteAsync(first.ConnectionString, "CREATE TABLE notes (text text); INSERT INTO notes VALUES ('kept')");
            }

            Assert.False(await IsListeningAsync(port), "the server must stop when disposed");

            await using var second = await EmbeddedPostgresServer.StartAsync(options, NullLogger.Instance);
            await using var connection = new NpgsqlConnection(second.ConnectionString);
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT text FROM notes", connection);
            Assert.Equal("kept", (string?)await read.ExecuteScalarAsync());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
            File.Delete(dir + ".password");
        }
    }

    [Fact]
    public void Binaries_are_found_on_this_machine()
    {
        var bin = PostgresBinaries.Find();
        Assert.NotNull(bin);
        Assert.True(File.Exists(Path.Combine(bin, "initdb")));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
