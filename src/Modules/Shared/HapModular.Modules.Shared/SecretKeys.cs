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

        var path = Path.Combine(context.DataDirectory, "keys", fileName);
        if (File.Exists(path))
        {
            return Checked(Convert.FromBase64String(File.ReadAllText(path).Trim()), path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
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
