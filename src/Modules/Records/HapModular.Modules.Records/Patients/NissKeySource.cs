using System.Security.Cryptography;
using HapModular.Modules.Shared;

namespace HapModular.Modules.Records.Patients;

/// <summary>
/// Where the NISS master key comes from: configuration <c>Records:NissKey</c> (base64). In Development, Testing and the demo
/// a missing key is generated once and kept under the data folder, so demo data survives restarts; elsewhere a
/// missing key stops the host rather than inventing one that a restore would not know.
/// </summary>
internal static class NissKeySource
{
    public static byte[] Load(ModuleContext context)
    {
        var configured = context.Configuration["Records:NissKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Convert.FromBase64String(configured);
        }

        var environment = context.Configuration["environment"] ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT");
        if (!context.IsDevelopment && !context.IsDemo && !string.Equals(environment, "Testing", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("Records:NissKey is not configured (base64, 32 bytes).");
        }

        var path = Path.Combine(context.DataDirectory, "keys", "records-niss.key");
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
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
}
