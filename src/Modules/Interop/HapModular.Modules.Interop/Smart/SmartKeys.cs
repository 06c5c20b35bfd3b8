using System.Security.Cryptography;
using HapModular.Modules.Shared;
using Microsoft.IdentityModel.Tokens;

namespace HapModular.Modules.Interop.Smart;

/// <summary>
/// The authorization server's keys. The signing key (RSA, signs id_tokens; published at the JWKS endpoint) comes from
/// <c>Interop:Smart:SigningKey</c> (PKCS#8 PEM) and the encryption key from <c>Interop:Smart:EncryptionKey</c> (base64,
/// 32 bytes), so every host behind the proxy signs with the same key. As with the portal's other secrets
/// (<see cref="SecretKeys"/>), Development, Testing and the demo generate them once under <c>keys/</c>; elsewhere a
/// missing key stops the host when a client is registered. With no client registered nothing can be issued, and
/// throw-away keys keep the server's configuration valid.
/// </summary>
internal static class SmartKeys
{
    private const string SigningSetting = "Interop:Smart:SigningKey";
    private const string EncryptionSetting = "Interop:Smart:EncryptionKey";

    public static (SecurityKey Signing, SecurityKey Encryption) Load(ModuleContext context, bool clientsRegistered)
    {
        var required = clientsRegistered || SecretKeys.IsLocal(context);
        var encryption = !required && string.IsNullOrEmpty(context.Configuration[EncryptionSetting])
            ? RandomNumberGenerator.GetBytes(32)
            : SecretKeys.Load(context, EncryptionSetting, "smart-encryption.key");
        return (new RsaSecurityKey(Rsa(context, required)), new SymmetricSecurityKey(encryption));
    }

    private static RSA Rsa(ModuleContext context, bool required)
    {
        var rsa = RSA.Create(2048);
        if (context.Configuration[SigningSetting] is { Length: > 0 } pem)
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }

        if (!SecretKeys.IsLocal(context))
        {
            return required ? throw new InvalidOperationException($"{SigningSetting} is not configured (an RSA private key, PKCS#8 PEM).") : rsa;
        }

        rsa.ImportFromPem(SecretKeys.LocalFile(context, "smart-signing.pem", rsa.ExportPkcs8PrivateKeyPem));
        return rsa;
    }
}
