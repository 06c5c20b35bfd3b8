using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HapModular.Modules.Audit.Chain;

/// <summary>
/// The chain: hash(n) = HMAC-SHA256(key, hash(n-1) ‖ canonical JSON of record n), the key named by the record's key id
/// and held outside the database. Changing any byte of any stored record changes its hash, which no longer matches
/// what the next record holds; recomputing the hashes needs the key. Records written before keys existed (no key id)
/// carry the former unkeyed SHA-256 and are accepted only before the first keyed record.
/// </summary>
internal static class AuditHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(byte[] key, string previousHash, AuditRow row) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(previousHash + Canonical(row))));

    /// <summary>The former unkeyed hash, for records written before the chain was keyed.</summary>
    public static string ComputeUnkeyed(string previousHash, AuditRow row) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + Canonical(row))));

    private static string Canonical(AuditRow row) => JsonSerializer.Serialize(new object?[]
    {
        row.Sequence,
        row.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        row.Action,
        row.Outcome,
        row.ActorUserId,
        row.ActorName,
        row.ActorInami,
        row.ClientAddress,
        row.PatientId,
        row.DocumentId,
        row.DocumentTitle,
        row.Purpose,
        row.Reason,
        row.LinkOrGrantId,
    });
}

/// <summary>One audit record as stored.</summary>
internal sealed record AuditRow(
    long Sequence,
    DateTimeOffset At,
    string Action,
    string Outcome,
    Guid? ActorUserId,
    string? ActorName,
    string? ActorInami,
    string? ClientAddress,
    Guid? PatientId,
    Guid? DocumentId,
    string? DocumentTitle,
    string? Purpose,
    string? Reason,
    Guid? LinkOrGrantId);
