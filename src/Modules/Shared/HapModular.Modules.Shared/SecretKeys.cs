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
        if (!File.Exists(path))
        {
            // Written aside then moved without overwriting: two processes starting on one data folder keep one key
            // (the loser's draft is dropped and it reads the winner's file).
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var draft = path + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(draft, create());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(draft, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(draft, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(draft);
            }
        }

        return File.ReadAllText(path);
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
