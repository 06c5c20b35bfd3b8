using System.Text.Json;
using Hangfire;
using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Identity.Contracts;
using HapModular.Modules.Notifications.Contracts;
using HapModular.Modules.Notifications.Letters.AccessCodes;
using HapModular.Modules.Notifications.Letters.Storage;
using HapModular.Modules.Records.Contracts;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Notifications.Letters.Rendering;

/// <summary>
/// Renders one letter into the day's print batch, then e-mails it when the patient agreed. Idempotent: a letter
/// already rendered is not rendered again, one already e-mailed is not sent again; a failure (a module not answering)
/// throws, and Hangfire retries with growing delays.
/// </summary>
internal sealed class LetterJob(LetterDatabase database, LetterRenderer renderer, LetterSettings settings, IMediator mediator, TimeProvider time)
{
    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [2, 10, 60, 300, 900, 1800, 3600, 3600, 7200, 7200])]
    public async Task RunAsync(Guid letterId, CancellationToken cancellationToken)
    {
        var row = await LetterRows.LoadAsync(database, letterId, cancellationToken);
        if (row is null)
        {
            return;
        }

        var notice = JsonSerializer.Deserialize<PatientNoticeRequested>(row.NoticeJson)!;
        var patient = (await mediator.Send(new GetPatientSummaries([notice.PatientId]), cancellationToken)).FirstOrDefault()
            ?? throw new InvalidOperationException($"Patient {notice.PatientId} is not known to Records (yet)");
        var pdf = row.Pdf;
        if (pdf is null)
        {
            pdf = await RenderAsync(letterId, notice, patient, cancellationToken);
            if (pdf is null)
            {
                // Another run of the same letter finished first: its PDF is the letter.
                return;
            }
        }

        if (row.EmailedAt is null && patient.Email is { Length: > 0 } email && patient.EmailNoticesAgreed)
        {
            var t = LetterTexts.For(patient.Language);
            await mediator.Send(new SendEmail(email, t["Subject." + notice.Kind], t.Format("EmailBody", settings.Hospital), $"letter:{letterId}",
                Attachment: new EmailAttachment($"{t["FileName"]}-{letterId:N}.pdf", "application/pdf", pdf)), cancellationToken);
            await LetterRows.MarkEmailedAsync(database, letterId, time.GetUtcNow(), cancellationToken);
        }

        await LetterRows.MarkCompletedAsync(database, letterId, time.GetUtcNow(), cancellationToken);
    }

    private async Task<byte[]?> RenderAsync(Guid letterId, PatientNoticeRequested notice, PatientSummary patient, CancellationToken cancellationToken)
    {
        var (physicianName, inami) = (notice.PhysicianName, notice.PhysicianInami);
        if (notice.PhysicianUserId is { } physicianId
            && (await mediator.Send(new GetPhysicians([physicianId]), cancellationToken)).FirstOrDefault() is { } physician)
        {
            (physicianName, inami) = ($"Dr {physician.FirstName} {physician.LastName}", physician.Inami);
        }

        var now = time.GetUtcNow();
        var code = AccessCode.New();
        var expires = now + settings.AccessCodeLifetime;
        var model = new LetterModel(
            patient.Language, notice.Kind, $"{patient.FirstName} {patient.LastName}", patient.PostalAddress, physicianName,
            inami is not null && Inami.TryParse(inami, out var parsed, out _) ? parsed.Formatted : inami,
            notice.LinkType, notice.OccurredAt, notice.ValidFrom, notice.ValidUntil, notice.ConsentStatus, code, expires, now);
        var pdf = renderer.Render(model);
        var batchDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, LetterSettings.Zone).DateTime);
        return await LetterRows.SaveRenderedAsync(database, letterId, notice.PatientId, pdf, code, expires, batchDate, patient.Language, now, cancellationToken) ? pdf : null;
    }
}
