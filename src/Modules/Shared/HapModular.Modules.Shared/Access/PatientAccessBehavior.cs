using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Notifications.Contracts;
using HapModular.Modules.Records.Contracts;
using HapModular.SharedKernel;
using HapModular.Modules.Shared.Telemetry;
using MediatR;

namespace HapModular.Modules.Shared.Access;

/// <summary>
/// THE guard for patient data (R1, R6, R7), for every module and every interface: each <see cref="IPatientScoped"/>
/// request passes here. Physicians get Consent's <see cref="CheckAccess"/> decision, then Records' document check
/// (<see cref="CheckDocumentAccess"/>: belongs to the patient, not masked, embargo over; author-only requests for the
/// author); staff may only ask for the access report, desk staff and admins for the patient's desk requests (no
/// clinical content); the patient in person only for their own report and protective actions, with their letter's code. Each decision,
/// allowed or denied, writes one audit record (never the NISS) — except an allowed <see cref="IImagingRequest"/>, audited
/// once per study and burst (<see cref="ImagingAuditBursts"/>). A denial throws
/// <see cref="PatientAccessDeniedException"/>, which every caller maps to the same neutral answer.
/// </summary>
internal sealed class PatientAccessBehavior<TRequest, TResponse>(IMediator mediator, ICurrentUser user, PatientAccessContext context, ImagingAuditBursts bursts, HapMetrics metrics)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IPatientScoped
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        context.Decision = null;
        context.ClinicalAccess = false;
        context.ViewerInami = user.IsInRole(Roles.Physician) ? user.Inami : null;
        var verdict = await DecideAsync(request, cancellationToken);
        metrics.GuardDecision(verdict.Allowed, verdict.Reason);
        var imaging = verdict.Allowed ? request as IImagingRequest : null;
        if (imaging is null || !bursts.IsOpen(user.UserId, request.PatientId, imaging.StudyUid, imaging.Channel))
        {
            await mediator.Send(await RecordOfAsync(request, verdict, imaging, cancellationToken), cancellationToken);
            if (imaging is not null)
            {
                bursts.Open(user.UserId, request.PatientId, imaging.StudyUid, imaging.Channel);
            }
        }

        if (!verdict.Allowed)
        {
            context.Refused = true;
            throw new PatientAccessDeniedException();
        }

        context.Allow(request.PatientId);
        context.Decision = verdict.Decision;
        context.ClinicalAccess = verdict.Clinical;
        try
        {
            return await next();
        }
        catch (PatientAccessDeniedException)
        {
            // A handler's own refusal (the document vanished…) ends in the same neutral page: no banner either.
            context.Refused = true;
            throw;
        }
    }

    private async Task<RecordAudit> RecordOfAsync(TRequest request, Verdict verdict, IImagingRequest? imaging, CancellationToken cancellationToken)
    {
        var documentId = request.DocumentId;
        var title = verdict.DocumentTitle;
        if (imaging is not null)
        {
            // One record for the whole study and burst: "modality|date|images|channel|study", read in words by the report.
            var study = imaging.StudyUid is { } uid ? await mediator.Send(new DescribeImagingStudy(request.PatientId, uid, context.ViewerInami), cancellationToken) : null;
            documentId = null;
            title = $"{study ?? "||"}|{imaging.Channel}|{imaging.StudyUid}";
        }

        return new RecordAudit(
            request.AuditAction,
            verdict.Allowed ? AuditOutcome.Allowed : AuditOutcome.Denied,
            user.IsAuthenticated ? user.UserId : null,
            user.IsAuthenticated ? user.DisplayName : null,
            user.IsInRole(Roles.Physician) ? user.Inami : null,
            user.ClientAddress,
            request.PatientId,
            documentId,
            title,
            verdict.Decision?.Purpose,
            verdict.Reason,
            verdict.Decision?.LinkOrGrantId);
    }

    private async Task<Verdict> DecideAsync(TRequest request, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated)
        {
            // The patient in person (public pages): only their own report and protective actions, with the letter's code.
            return request is IPatientSelfService self && PatientScopedActions.IsSelfService(request.AuditAction)
                && await mediator.Send(new VerifyPatientAccessCode(self.AccessCode, self.BirthDate), cancellationToken) == request.PatientId
                ? Verdict.Allow("patient-code")
                : Verdict.Deny("anonymous");
        }

        if (user.LaunchPatient is { } launched && launched != request.PatientId)
        {
            // A SMART token opens the patient it was launched for, never another one the physician could see.
            return Verdict.Deny("launch-context");
        }

        if (!user.IsInRole(Roles.Physician))
        {
            return await DecideForStaffAsync(request, cancellationToken);
        }

        if (request.AuditAction == PatientScopedActions.AccessReport || PatientScopedActions.IsSelfService(request.AuditAction) || request is IHospitalDeskRequest or IPatientSelfService)
        {
            return Verdict.Deny("role");
        }

        // The document's own check (R6) does not depend on Consent's decision: both are asked at once, so a request naming a
        // document (every frame a viewer pulls) waits for one database round trip instead of two in a row. Both are still
        // read from the database on every request; the document's answer counts only once Consent allowed (a refusal is
        // Consent's, word for word, and is answered only when the document check has settled too).
        var viewer = request is IDocumentAuthorRequest ? DocumentViewer.Author : DocumentViewer.Physician;
        var documentCheck = request.DocumentId is { } documentId
            ? mediator.Send(new CheckDocumentAccess(request.PatientId, documentId, viewer, user.Inami), cancellationToken)
            : null;
        AccessDecision decision;
        try
        {
            decision = await mediator.Send(new CheckAccess(user.UserId, user.Inami, request.PatientId), cancellationToken);
        }
        catch
        {
            await SettledAsync(documentCheck);
            throw;
        }

        if (!decision.Allowed)
        {
            await SettledAsync(documentCheck);
            return new Verdict(false, decision.Reason, decision, null, false);
        }

        if (documentCheck is null)
        {
            return new Verdict(true, decision.Reason, decision, null, true);
        }

        var document = await documentCheck;
        return document.Allowed
            ? new Verdict(true, decision.Reason, decision, document.Title, true)
            : new Verdict(false, document.Reason, decision, document.Title, false);
    }

    // Never left running past the decision (it uses the request's services); its outcome, or failure, no longer matters.
    private static async Task SettledAsync(Task? check)
    {
        if (check is not null)
        {
            await check.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // Staff see who accessed a record, never the record itself; the desk handles the patient's requests on metadata.
    private async Task<Verdict> DecideForStaffAsync(TRequest request, CancellationToken cancellationToken)
    {
        if (request is IHospitalDeskRequest && (user.IsInRole(Roles.PatientDesk) || user.IsInRole(Roles.Admin)))
        {
            if (request.DocumentId is not { } documentId)
            {
                return Verdict.Allow("patient-request");
            }

            var document = await mediator.Send(new CheckDocumentAccess(request.PatientId, documentId, DocumentViewer.Desk, null), cancellationToken);
            return document.Allowed ? new Verdict(true, "patient-request", null, document.Title, false) : Verdict.Deny(document.Reason);
        }

        var staff = user.IsInRole(Roles.PatientDesk) || user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin);
        var reportOnly = request.AuditAction == PatientScopedActions.AccessReport && request.DocumentId is null;
        return staff && reportOnly ? Verdict.Allow("staff") : Verdict.Deny("role");
    }

    private sealed record Verdict(bool Allowed, string Reason, AccessDecision? Decision, string? DocumentTitle, bool Clinical)
    {
        public static Verdict Allow(string reason) => new(true, reason, null, null, false);

        public static Verdict Deny(string reason) => new(false, reason, null, null, false);
    }
}
