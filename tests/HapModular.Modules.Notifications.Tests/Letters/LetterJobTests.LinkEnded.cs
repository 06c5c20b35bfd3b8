using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Notifications.Letters.Queue;

namespace HapModular.Modules.Notifications.Tests.Letters;

/// <summary>
/// Issue 12: a patient who ends a link with their letter's code gets a letter confirming it — naming the physician,
/// the INAMI and the link, the day they asked, and that the physician no longer has access.
/// </summary>
public sealed partial class LetterJobTests
{
    [Fact]
    public async Task A_link_the_patient_ended_is_confirmed_by_a_letter_that_says_what_ended()
    {
        var patientId = await RegisterAsync("Nadia", "Bensaïd", new DateOnly(1979, 3, 2), "fr");
        var at = factory.Time.GetUtcNow();
        var notice = new PatientNoticeRequested(
            $"{Guid.NewGuid()}:ended", PatientNoticeKind.LinkEnded, patientId, at, LettersFactory.Dupont.UserId, "Dr Jean Dupont", "18334780004", "consultation", null, null);

        await PublishAsync(notice);

        var text = TextOf(await WaitForLetterAsync(PatientNoticeRequestedHandler.LetterIdOf(notice.EventKey), TimeSpan.FromSeconds(90)));
        Assert.Contains("confirmation de la révocation d'un lien thérapeutique", text, StringComparison.Ordinal);
        Assert.Contains("le lien thérapeutique « consultation » du Dr Jean Dupont (numéro INAMI 1-83347-80-004) a pris fin", text, StringComparison.Ordinal);
        Assert.Contains("le 26 novembre 2026", text, StringComparison.Ordinal);
        Assert.Contains("n'a plus accès à votre dossier", text, StringComparison.Ordinal);
        Assert.Contains("Nadia Bensaïd", text, StringComparison.Ordinal);
    }
}
