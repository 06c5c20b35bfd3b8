using System.Security.Cryptography;

namespace HapModular.Modules.Shared;

/// <summary>
/// Secret keys a module needs (NISS protection, the key ring's encryption, the audit chain's HMAC): from configuration
/// (base64, 32 bytes). In Development, Testing and the demo (<see cref="ModuleContext.IsDemo"/>, Production too) a missing
/// key is generated once and kept under the data folder (<c>keys/</c>, owner-only), so demo data survives restarts; elsewhere a missing key stops the host rather than
/// inventing one that a restore or a second host would not know.
/// </summary>
public static class SecretKeys
{
    /// <summary>The key named by <paramref name="setting"/>, or the local one in <c>keys/<paramref name="fileName"/></c> outside production.</summary>
    /// <exception cref="InvalidOperationException">Not configured outside Development/Testing, or not 32 bytes.</exception>
    public static byte[] Load(ModuleContext context, string setting, string fileName)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Configuration[setting] is { Length: > 0 } configured)
        {
            return Checked(Convert.FromBase64String(configured.Trim()), setting);
        }

        if (!IsLocal(context))
        {
            throw new InvalidOperationException($"{setting} is not configured (base64, 32 bytes).");
        }

        var local = LocalFile(context, fileName, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return Checked(Convert.FromBase64String(local.Trim()), Path.Combine("keys", fileName));
    }

    /// <summary>
    /// The text of <c>keys/<paramref name="fileName"/></c> under the data folder, created once (owner-only) from
    /// <paramref name="create"/> when missing. Only for <see cref="IsLocal"/> set-ups; production keys come from configuration.
    /// </summary>
    public static string LocalFile(ModuleContext context, string fileName, Func<string> create)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(create);
        var path = Path.Combine(context.DataDirectory, "keys", fileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        // Two processes (or threads) starting on one data folder must keep one key. A move "without overwriting" is not
        // enough: on Linux .NET checks that the target is absent, then renames, and a rename replaces a file another
        // caller moved there in between (CI saw two keys for 8 racing callers). So one caller at a time decides, under an
        // exclusive lock on a lock file (flock on Unix: it holds across processes and between this process's threads),
        // beside keys/ rather than in it, so that keys/ holds keys only.
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (ExclusiveLock(Path.Combine(context.DataDirectory, ".keys.lock")))
        {
            if (!File.Exists(path))
            {
                // Written aside then moved: a reader never sees a half-written key.
                var draft = path + "." + Guid.NewGuid().ToString("N");
                File.WriteAllText(draft, create());
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(draft, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                File.Move(draft, path, overwrite: false);
            }
        }

        return File.ReadAllText(path);
    }

    // Waits (at start-up only, for another starter's few milliseconds of writing) until this caller holds the lock file.
    private static FileStream ExclusiveLock(string lockPath)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 500)
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>A short public id of a key (hex, 8 bytes of its SHA-256): what records say was used, never the key.</summary>
    public static string IdOf(ReadOnlySpan<byte> key) => Convert.ToHexStringLower(SHA256.HashData(key)[..8]);

    /// <summary>Development, Testing or the demo: where keys may be generated locally.</summary>
    public static bool IsLocal(ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var environment = context.Configuration["environment"] ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT");
        return context.IsDevelopment || context.IsDemo || string.Equals(environment, "Testing", StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] Checked(byte[] key, string source) =>
        key.Length == 32 ? key : throw new InvalidOperationException($"{source}: the key must be 32 bytes (base64).");
}
