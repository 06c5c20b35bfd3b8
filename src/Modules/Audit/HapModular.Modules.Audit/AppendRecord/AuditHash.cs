using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HapModular.Modules.Audit.AppendRecord;

/// <summary>
/// The chain: hash(n) = SHA-256(hash(n-1) ‖ canonical JSON of record n). Changing any byte of any stored record
/// changes its hash, which no longer matches what the next record holds.
/// </summary>
internal static class AuditHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(string previousHash, AuditRow row)
    {
        var canonical = JsonSerializer.Serialize(new object?[]
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
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + canonical)));
    }
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
