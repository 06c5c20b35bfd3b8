using System.Globalization;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Resources;
using HapModular.Modules.Notifications.Contracts;
using MediatR;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Identity.Emails;

/// <summary>The e-mails Identity sends, in the account's language, through the Notifications e-mail channel.</summary>
internal sealed class AccountEmails(IMediator mediator, IStringLocalizer<IdentityText> text)
{
    public Task SendEnrolmentAsync(Account account, string link, string tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        SendAsync(account, "EnrolMailSubject", "EnrolMailBody", $"enrolment:{account.Id}:{tokenHash[..16]}", cancellationToken, account.DisplayName, link, expiresAt.ToString("g", CultureInfo.CurrentCulture));

    public Task SendRejectionAsync(Account account, string reason, CancellationToken cancellationToken) =>
        SendAsync(account, "RejectMailSubject", "RejectMailBody", $"rejection:{account.Id}:{account.DecidedAt:O}", cancellationToken, account.DisplayName, reason);

    public Task SendPasswordResetAsync(Account account, string link, string tokenHash, CancellationToken cancellationToken) =>
        SendAsync(account, "ResetMailSubject", "ResetMailBody", $"reset:{account.Id}:{tokenHash[..16]}", cancellationToken, account.DisplayName, link);

    /// <summary>
    /// Someone asked for access with the INAMI number of this account: no second account is made, and the account's
    /// own address is told (with the address that was typed), so a repeated request is never silently dropped.
    /// </summary>
    public Task SendDuplicateRequestAsync(Account account, string typedEmail, string portalUrl, Guid requestId, CancellationToken cancellationToken) =>
        SendAsync(account, "DuplicateMailSubject", "DuplicateMailBody", $"duplicate:{account.Id}:{requestId:N}", cancellationToken, account.DisplayName, typedEmail, portalUrl);

    private async Task SendAsync(Account account, string subjectKey, string bodyKey, string key, CancellationToken cancellationToken, params object[] arguments)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var culture = new CultureInfo(account.Language is "nl" or "de" or "en" ? account.Language : "fr");
        string subject;
        string body;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            subject = text[subjectKey];
            body = text[bodyKey, arguments];
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }

        await mediator.Send(new SendEmail(account.Email, subject, body, key), cancellationToken);
    }
}
