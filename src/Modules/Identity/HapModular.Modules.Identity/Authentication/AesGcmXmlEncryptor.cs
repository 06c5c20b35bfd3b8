using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using HapModular.Modules.Shared;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Identity.Authentication;

/// <summary>Encrypts a key-ring entry with AES-256-GCM under <see cref="KeyRingKeys.Current"/>, naming the key by its id.</summary>
internal sealed class AesGcmXmlEncryptor(KeyRingKeys keys) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[12 + 16 + plain.Length];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        var keyId = SecretKeys.IdOf(keys.Current);
        using (var aes = new AesGcm(keys.Current, 16))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), Encoding.ASCII.GetBytes(keyId));
        }

        CryptographicOperations.ZeroMemory(plain);
        var element = new XElement("aesGcmEncrypted", new XAttribute("keyId", keyId), new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

/// <summary>
/// Decrypts what <see cref="AesGcmXmlEncryptor"/> wrote, with the key whose id the entry names. Created by the
/// data-protection system from the type name stored in the entry, hence the public constructor taking the services.
/// </summary>
internal sealed class AesGcmXmlDecryptor : IXmlDecryptor
{
    private readonly KeyRingKeys keys;

    public AesGcmXmlDecryptor(IServiceProvider services) => keys = services.GetRequiredService<KeyRingKeys>();

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var keyId = (string?)encryptedElement.Attribute("keyId") ?? string.Empty;
        var key = keys.All.FirstOrDefault(k => SecretKeys.IdOf(k) == keyId)
            ?? throw new CryptographicException($"Key-ring entry encrypted with key {keyId}, which is not configured (Hap:DataProtection:Key or PreviousKeys).");
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? string.Empty);
        var plain = new byte[sealedBytes.Length - 28];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plain, Encoding.ASCII.GetBytes(keyId));
        }

        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
