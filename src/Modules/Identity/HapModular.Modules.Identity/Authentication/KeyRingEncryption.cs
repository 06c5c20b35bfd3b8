using System.Security.Cryptography.X509Certificates;
using HapModular.Modules.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Identity.Authentication;

/// <summary>
/// The data-protection keys (they sign session cookies and encrypt TOTP secrets) are encrypted before they reach
/// <c>identity.data_protection_keys</c>, so a database reader can neither forge a session nor read a TOTP secret.
/// With a certificate (<c>Hap:DataProtection:Certificate</c>, a PFX path, and <c>…:CertificatePassword</c>) the
/// framework's X.509 encryption is used; otherwise a 32-byte key (<c>Hap:DataProtection:Key</c>, generated under the
/// data folder in Development/Testing) with AES-256-GCM. Earlier keys listed in <c>Hap:DataProtection:PreviousKeys</c>
/// still decrypt the key-ring entries written with them (rotation); each entry records the id of its key.
/// </summary>
internal static class KeyRingEncryption
{
    public static void Protect(IDataProtectionBuilder builder, ModuleContext context)
    {
        if (context.Configuration["Hap:DataProtection:Certificate"] is { Length: > 0 } path)
        {
            builder.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, context.Configuration["Hap:DataProtection:CertificatePassword"]));
            return;
        }

        var current = SecretKeys.Load(context, "Hap:DataProtection:Key", "data-protection.key");
        var previous = (context.Configuration["Hap:DataProtection:PreviousKeys"] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Convert.FromBase64String);
        var keys = new KeyRingKeys(current, [current, .. previous]);
        builder.Services.AddSingleton(keys);
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new AesGcmXmlEncryptor(keys));
    }
}

/// <summary>The key that encrypts new key-ring entries, and every key that may decrypt old ones.</summary>
internal sealed record KeyRingKeys(byte[] Current, IReadOnlyList<byte[]> All);
