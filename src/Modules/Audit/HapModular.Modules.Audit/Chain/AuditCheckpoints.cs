using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HapModular.Modules.Shared;
using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Audit.Chain;

/// <summary>
/// Signed checkpoints of the chain's head (sequence + hash), kept outside the audit table in an append-only file
/// (<c>Hap:Audit:CheckpointFile</c>, default <c>{DataDirectory}/audit/checkpoints.log</c>; point it at storage the
/// database administrators cannot write). The chain alone cannot show that its last records were deleted or that
/// the database was rolled back to a backup: a checkpoint past the chain's end, or at a record whose hash differs, can.
/// One line per checkpoint: <c>sequence hash time key-id mac</c>, the MAC an HMAC over the first three.
/// </summary>
internal sealed class AuditCheckpoints(ModuleContext context, AuditKeys keys, TimeProvider time)
{
    private readonly object gate = new();
    private readonly string path = context.Configuration["Hap:Audit:CheckpointFile"] is { Length: > 0 } configured
        ? Path.GetFullPath(configured)
        : Path.Combine(context.DataDirectory, "audit", "checkpoints.log");

    private readonly TimeSpan interval = TimeSpan.FromSeconds(context.Configuration.GetValue("Hap:Audit:CheckpointSeconds", 10));
    private DateTimeOffset? lastWritten;

    /// <summary>Writes a checkpoint of this committed head when the last one is older than the interval (or when forced).</summary>
    public void Offer(long sequence, string hash, bool force = false)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (!force && lastWritten is { } last && now - last < interval)
            {
                return;
            }

            var at = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
            var line = string.Create(CultureInfo.InvariantCulture, $"{sequence} {hash} {at} {keys.CurrentId} {Mac(keys.Current, sequence, hash, at)}\n");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            {
                file.Write(Encoding.ASCII.GetBytes(line));
                file.Flush(flushToDisk: true);
            }

            lastWritten = now;
        }
    }

    /// <summary>Every checkpoint in the file, oldest first; a line whose MAC does not verify is returned as forged.</summary>
    public IReadOnlyList<Checkpoint> ReadAll()
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var list = new List<Checkpoint>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ');
            if (parts.Length != 5 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                list.Add(new Checkpoint(0, string.Empty, line, Genuine: false));
                continue;
            }

            var key = keys.Find(parts[3]);
            var genuine = key is not null && CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(Mac(key, sequence, parts[1], parts[2])), Encoding.ASCII.GetBytes(parts[4]));
            list.Add(new Checkpoint(sequence, parts[1], parts[2], genuine));
        }

        return list;
    }

    private static string Mac(byte[] key, long sequence, string hash, string at) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"checkpoint|{sequence}|{hash}|{at}"))));
}

/// <summary>One checkpoint: the chain had record <paramref name="Sequence"/> with <paramref name="Hash"/> at <paramref name="At"/>.</summary>
internal sealed record Checkpoint(long Sequence, string Hash, string At, bool Genuine);
