using System.Security.Cryptography;
using System.Text;

namespace HapModular.Modules.Records.Patients;

/// <summary>
/// Encrypts NISS digits at rest (AES-256-GCM, random nonce) and derives a keyed look-up hash (HMAC-SHA256):
/// the database alone reveals neither the numbers nor, by brute force over the small NISS space, their hashes.
/// Both keys are derived (HKDF) from one master key, <c>Records:NissKey</c>.
/// </summary>
internal sealed class NissProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] encryptionKey;
    private readonly byte[] hashKey;

    public NissProtector(byte[] masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        if (masterKey.Length < 32)
        {
            throw new ArgumentException("Records:NissKey must hold at least 32 bytes (base64).", nameof(masterKey));
        }

        encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "hap-records-niss-enc"u8.ToArray());
        hashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "hap-records-niss-hmac"u8.ToArray());
    }

    public string Hash(string digits) => Convert.ToHexStringLower(HMACSHA256.HashData(hashKey, Encoding.ASCII.GetBytes(digits)));

    public string Encrypt(string digits)
    {
        var plain = Encoding.ASCII.GetBytes(digits);
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return Convert.ToBase64String(output);
    }

    public string Decrypt(string cipher)
    {
        var input = Convert.FromBase64String(cipher);
        var plain = new byte[input.Length - NonceSize - TagSize];
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize + TagSize), input.AsSpan(NonceSize, TagSize), plain);
        return Encoding.ASCII.GetString(plain);
    }
}
