using System.Security.Cryptography;
using System.Text;
using HapModular.Modules.Interop.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace HapModular.Modules.Interop.Smart;

/// <summary>
/// EHR launch contexts (<c>interop.smart_launches</c>): an opaque id the GP software puts in the authorize URL instead of
/// the NISS, valid five minutes and spent by the code it leads to. Only its SHA-256 is stored, with the portal's patient
/// id (null when no patient holds that NISS — the authorize step then answers as for a patient without link). Also the
/// authorization codes already redeemed (<c>interop.smart_codes</c>): a code is good once, on any host.
/// </summary>
internal sealed class LaunchStore(InteropDatabase database, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task<(string LaunchId, TimeSpan ExpiresIn)> CreateAsync(string clientId, Guid? patientId, CancellationToken cancellationToken)
    {
        var launchId = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        await PruneAsync("DELETE FROM interop.smart_launches WHERE expires_at < $1", now, cancellationToken);
        await using var command = database.DataSource.CreateCommand(
            "INSERT INTO interop.smart_launches (id_hash, client_id, patient_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)");
        command.Parameters.AddWithValue(Hash(launchId));
        command.Parameters.AddWithValue(clientId);
        command.Parameters.AddWithValue((object?)patientId ?? DBNull.Value);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(now + Lifetime);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return (launchId, Lifetime);
    }

    /// <summary>The launch, if this client created it, it is unspent and still valid; null for anything else.</summary>
    public async Task<SmartLaunch?> FindAsync(string launchId, string clientId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT patient_id FROM interop.smart_launches WHERE id_hash = $1 AND client_id = $2 AND used_at IS NULL AND expires_at > $3");
        command.Parameters.AddWithValue(Hash(launchId));
        command.Parameters.AddWithValue(clientId);
        command.Parameters.AddWithValue(time.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new SmartLaunch(launchId, reader.IsDBNull(0) ? null : reader.GetGuid(0)) : null;
    }

    /// <summary>Spends the launch; false when another request spent it first or it expired meanwhile.</summary>
    public async Task<bool> SpendAsync(string launchId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "UPDATE interop.smart_launches SET used_at = $2 WHERE id_hash = $1 AND used_at IS NULL AND expires_at > $2");
        command.Parameters.AddWithValue(Hash(launchId));
        command.Parameters.AddWithValue(time.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Records a code's grant id as redeemed; false when it already was (a replayed code).</summary>
    public async Task<bool> RedeemAsync(string grantId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await PruneAsync("DELETE FROM interop.smart_codes WHERE redeemed_at < $1", now, cancellationToken);
        await using var command = database.DataSource.CreateCommand(
            "INSERT INTO interop.smart_codes (grant_id, redeemed_at) VALUES ($1, $2) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue(grantId);
        command.Parameters.AddWithValue(now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    // Rows older than a day serve nothing (launches live minutes, codes one minute): kept small on every write.
    private async Task PruneAsync(string sql, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(now.AddDays(-1));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Hash(string launchId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(launchId)));
}

/// <summary>A valid launch: its id and the patient it is for (null: no patient holds the NISS).</summary>
internal sealed record SmartLaunch(string LaunchId, Guid? PatientId);
