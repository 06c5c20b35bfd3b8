using System.Net.Sockets;
using HapModular.EmbeddedPostgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HapModular.Host.Tests;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task A_cluster_in_a_private_folder_keeps_its_data_across_restarts_and_stops_listening_when_disposed()
    {
        // A checkout in root's home: mode 0700, which the postgres user (who runs the server when we are root) cannot enter.
        var home = Path.Combine(Path.GetTempPath(), "hap-tests", "private-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(home);
        File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new EmbeddedPostgresOptions { ClusterDirectory = Path.Combine(home, ".hapdata", "pg"), Database = "private" };
        string? cluster = null;
        try
        {
            int port;
            await using (var first = await EmbeddedPostgresServer.StartAsync(options, NullLogger.Instance))
            {
                cluster = first.ClusterDirectory;
                port = first.Port;
                await ExecuteAsync(first.ConnectionString, "CREATE TABLE notes (text text); INSERT INTO notes VALUES ('kept')");
            }

            Assert.False(await IsListeningAsync(port), "the server must stop when disposed");
            await using var second = await EmbeddedPostgresServer.StartAsync(options, NullLogger.Instance);
            Assert.Equal(cluster, second.ClusterDirectory);
            Assert.Equal("kept", await ScalarAsync(second.ConnectionString, "SELECT text FROM notes"));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
            if (cluster is not null && cluster != options.ClusterDirectory)
            {
                Directory.Delete(cluster, recursive: true);
                File.Delete(cluster + ".password");
            }
        }
    }

    [Fact]
    public async Task A_second_process_on_the_same_folder_attaches_and_leaving_does_not_stop_the_first()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hap-tests", "shared-" + Guid.NewGuid().ToString("N"));
        var options = new EmbeddedPostgresOptions { ClusterDirectory = dir, Database = "shared", Ephemeral = true };
        await using var portal = await EmbeddedPostgresServer.StartAsync(options, NullLogger.Instance);
        await ExecuteAsync(portal.ConnectionString, "CREATE TABLE notes (text text); INSERT INTO notes VALUES ('portal')");

        await using (var command = await EmbeddedPostgresServer.StartAsync(options, NullLogger.Instance))
        {
            Assert.Equal(portal.Port, command.Port);
            Assert.Equal("portal", await ScalarAsync(command.ConnectionString, "SELECT text FROM notes"));
        }

        // The command left: the portal's server still answers, on the same port.
        Assert.Equal("portal", await ScalarAsync(portal.ConnectionString, "SELECT text FROM notes"));
        await portal.DisposeAsync();
        Assert.False(await IsListeningAsync(portal.Port), "the last user out stops the server");
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

    private static async Task<string?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
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
