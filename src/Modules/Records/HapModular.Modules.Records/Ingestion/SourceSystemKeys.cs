using System.Security.Cryptography;
using System.Text;
using HapModular.Modules.Records.Storage;

namespace HapModular.Modules.Records.Ingestion;

/// <summary>
/// API keys of the hospital systems that send documents. A key is 32 random bytes shown once at creation; only its
/// SHA-256 is stored (a slow hash adds nothing for a random 256-bit secret and would cost every upload).
/// </summary>
internal sealed class SourceSystemKeys(RecordsDatabase database, TimeProvider time)
{
    public async Task<string> CreateOrRotateAsync(string sourceSystem, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sourceSystem) || sourceSystem.Length > 100 || !sourceSystem.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException("A source system name is 1-100 letters, digits, '-', '_' or '.'.", nameof(sourceSystem));
        }

        var key = "hap_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var command = database.DataSource.CreateCommand(
            """
            INSERT INTO records.source_systems (name, key_hash, created_at) VALUES (@n, @h, @t)
            ON CONFLICT (name) DO UPDATE SET key_hash = EXCLUDED.key_hash, created_at = EXCLUDED.created_at
            """);
        command.Parameters.AddWithValue("n", sourceSystem);
        command.Parameters.AddWithValue("h", Hash(key));
        command.Parameters.AddWithValue("t", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
        return key;
    }

    /// <summary>The source system owning the key, or null.</summary>
    public async Task<string?> AuthenticateAsync(string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }

        await using var command = database.DataSource.CreateCommand("SELECT name FROM records.source_systems WHERE key_hash = @h");
        command.Parameters.AddWithValue("h", Hash(key));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
