using MailKit.Net.Smtp;
using MailKit.Security;
using HapModular.Modules.Shared;
using Microsoft.Extensions.Hosting;

namespace HapModular.Modules.Notifications.Email;

/// <summary>Where a message goes: SMTP, or the pickup folder.</summary>
internal interface IEmailTransport
{
    string Name { get; }

    Task SendAsync(QueuedEmail email, CancellationToken cancellationToken);
}

/// <summary>SMTP with MailKit (production).</summary>
internal sealed class SmtpTransport(EmailSettings settings) : IEmailTransport
{
    public string Name => "smtp";

    public async Task SendAsync(QueuedEmail email, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(settings.SmtpSecurity, ignoreCase: true, out var s) ? s : SecureSocketOptions.StartTls;
        await client.ConnectAsync(settings.SmtpHost ?? throw new InvalidOperationException("No SMTP host"), settings.SmtpPort, security, cancellationToken);
        if (settings.SmtpUser is { Length: > 0 })
        {
            await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(EmailMessages.Build(email, settings), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>
/// Development and tests: one .eml file per message in <c>{DataDirectory}/mail/</c>, written to a temporary name and
/// renamed, so a reader never sees half a message. Named after the outbox id: a retry overwrites, never duplicates.
/// </summary>
internal sealed class PickupFolderTransport(string folder, EmailSettings settings) : IEmailTransport
{
    public string Name => "pickup";

    public async Task SendAsync(QueuedEmail email, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, $"{email.QueuedAt:yyyyMMddHHmmss}-{email.Id:N}.eml");
        var temp = target + ".tmp";
        await EmailMessages.Build(email, settings).WriteToAsync(temp, cancellationToken);
        File.Move(temp, target, overwrite: true);
    }
}

/// <summary>Production without an SMTP host: fail loudly (the job retries) instead of writing mail nobody reads.</summary>
internal sealed class UnconfiguredTransport : IEmailTransport
{
    public string Name => "none";

    public Task SendAsync(QueuedEmail email, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Notifications:Email:SmtpHost is not configured; e-mail cannot be delivered.");
}

/// <summary>Chooses the transport from configuration and environment.</summary>
internal static class EmailTransportFactory
{
    public static IEmailTransport Create(EmailSettings settings, IHostEnvironment environment, ModuleContext context) =>
        settings.SmtpHost is { Length: > 0 } ? new SmtpTransport(settings)
        : environment.IsProduction() && !context.IsDemo ? new UnconfiguredTransport()
        : new PickupFolderTransport(Path.Combine(context.DataDirectory, "mail"), settings);
}
