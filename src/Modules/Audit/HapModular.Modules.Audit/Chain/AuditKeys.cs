using HapModular.Modules.Shared;

namespace HapModular.Modules.Audit.Chain;

/// <summary>
/// The chain's HMAC keys, kept outside the database: <c>Hap:Audit:Key</c> (base64, 32 bytes; generated under the data
/// folder in Development/Testing) signs new records and checkpoints; <c>Hap:Audit:PreviousKeys</c> (comma-separated)
/// still verify what older keys signed. Each record stores the id of its key, so a rotation is visible in the chain.
/// Someone who can write the table but does not hold the key cannot recompute a valid hash.
/// </summary>
internal sealed class AuditKeys
{
    private readonly Dictionary<string, byte[]> byId;

    public AuditKeys(byte[] current, IEnumerable<byte[]> previous)
    {
        Current = current;
        CurrentId = SecretKeys.IdOf(current);
        byId = previous.Prepend(current).DistinctBy(k => SecretKeys.IdOf(k)).ToDictionary(k => SecretKeys.IdOf(k));
    }

    public byte[] Current { get; }

    public string CurrentId { get; }

    public static AuditKeys Load(ModuleContext context) => new(
        SecretKeys.Load(context, "Hap:Audit:Key", "audit-hmac.key"),
        (context.Configuration["Hap:Audit:PreviousKeys"] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Convert.FromBase64String));

    public byte[]? Find(string keyId) => byId.GetValueOrDefault(keyId);
}
