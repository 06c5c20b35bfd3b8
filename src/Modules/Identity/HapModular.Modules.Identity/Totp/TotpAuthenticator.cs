using Microsoft.AspNetCore.DataProtection;
using OtpNet;
using QRCoder;

namespace HapModular.Modules.Identity.Totp;

/// <summary>RFC 6238 TOTP (SHA-1, 6 digits, 30 s): secrets, verification on the host clock, the enrolment QR code.</summary>
internal sealed class TotpAuthenticator(IDataProtectionProvider protection, TimeProvider time)
{
    public const string Issuer = "HapModular";

    private readonly IDataProtector protector = protection.CreateProtector("HapModular.Identity.Totp.v1");

    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    public string Protect(string base32Secret) => protector.Protect(base32Secret);

    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);

    /// <summary>
    /// Accepts the code of the current step or one step either side (clock drift), and only a step later than the
    /// last one accepted, so an observed code cannot be replayed. Returns the matched step, or null.
    /// </summary>
    public long? Verify(string base32Secret, string? code, long lastAcceptedStep)
    {
        var digits = new string((code ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 6)
        {
            return null;
        }

        var totp = new OtpNet.Totp(Base32Encoding.ToBytes(base32Secret));
        return totp.VerifyTotp(time.GetUtcNow().UtcDateTime, digits, out var step, new VerificationWindow(previous: 1, future: 1)) && step > lastAcceptedStep
            ? step
            : null;
    }

    public static string ProvisioningUri(string account, string base32Secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={base32Secret}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30";

    /// <summary>The QR code as a PNG data URL (the CSP allows <c>data:</c> images, not inline script).</summary>
    public static string QrCodeDataUrl(string account, string base32Secret)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(ProvisioningUri(account, base32Secret), QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>The secret in groups of four, easier to type into an authenticator app.</summary>
    public static string Grouped(string base32Secret) =>
        string.Join(' ', base32Secret.Chunk(4).Select(c => new string(c)));
}
