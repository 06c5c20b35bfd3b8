using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Notifications.Email;

/// <summary>
/// Section <c>Notifications:Email</c>. With <see cref="SmtpHost"/> set, mail goes out over SMTP (MailKit);
/// without it, Development and Testing write .eml files to <c>{DataDirectory}/mail/</c>, and Production refuses to
/// send (a job failure, retried) rather than lose mail in a folder nobody reads.
/// </summary>
internal sealed record EmailSettings
{
    public string FromAddress { get; init; } = "no-reply@hapmodular.be";

    public string FromName { get; init; } = "HapModular";

    public string? SmtpHost { get; init; }

    public int SmtpPort { get; init; } = 587;

    public string? SmtpUser { get; init; }

    public string? SmtpPassword { get; init; }

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c> or <c>None</c> (a local relay).</summary>
    public string SmtpSecurity { get; init; } = "StartTls";

    public static EmailSettings From(IConfiguration configuration) =>
        configuration.GetSection("Notifications:Email").Get<EmailSettings>() ?? new EmailSettings();
}
