using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Notifications.Contracts;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Masking;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Access;

/// <summary>
/// THE guard for patient data (R1, R6, R7): every <see cref="IPatientScoped"/> request passes here. Physicians get
/// Consent's <see cref="CheckAccess"/> decision, then the document checks (belongs to the patient, not masked,
/// embargo over; an author-masked document only for its author); patient-desk, admin and DPO staff may only ask
/// for the access report, and desk staff for the patient's requests on document metadata (no clinical content).
/// Each decision, allowed or denied, writes one audit record (never the NISS). A denial throws
/// <see cref="PatientAccessDeniedException"/>, which every endpoint maps to the same neutral answer.
/// </summary>
internal sealed class PatientAccessBehavior<TRequest, TResponse>(
    IMediator mediator,
    ICurrentUser user,
    DocumentRepository documents,
    PatientAccessScope scope,
    ImagingAuditBursts bursts,
    TimeProvider time) : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IPatientScoped
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var (allowed, reason, decision, document) = await DecideAsync(request, cancellationToken);
        // Imaging is audited per study opened and per retrieve burst, not per frame (see ImagingAuditBursts).
        var imaging = allowed && request is IImagingAudited i && user.IsInRole(Roles.Physician) ? i : null;
        var owner = imaging is null ? null : new BurstOwner(user.UserId, user.DisplayName, user.Inami, user.ClientAddress, decision?.Purpose, decision?.LinkOrGrantId);
        if (imaging is not null && await bursts.JoinAsync(owner!, request.PatientId, imaging.StudyUid ?? string.Empty, imaging.Channel, cancellationToken) is null)
        {
            scope.Decision = decision;
            scope.Document = document;
            scope.ViewerInami = user.Inami;
            return await ServeImagingAsync(imaging, owner!, request.PatientId, next, cancellationToken);
        }

        await mediator.Send(
            new RecordAudit(
                imaging?.StudyUid is not null ? ImagingAuditBursts.OpenAction : request.AuditAction,
                allowed ? AuditOutcome.Allowed : AuditOutcome.Denied,
                user.IsAuthenticated ? user.UserId : null,
                user.IsAuthenticated ? user.DisplayName : null,
                user.IsInRole(Roles.Physician) ? user.Inami : null,
                user.ClientAddress,
                request.PatientId,
                request.DocumentId,
                document?.Title,
                decision?.Purpose,
                imaging is null ? reason : $"{imaging.Channel}; study {imaging.StudyUid ?? "*"}; {reason}",
                decision?.LinkOrGrantId),
            cancellationToken);
        if (!allowed)
        {
            throw new PatientAccessDeniedException();
        }

        scope.Decision = decision;
        scope.Document = document;
        scope.ViewerInami = user.IsInRole(Roles.Physician) ? user.Inami : null;
        return imaging is null ? await next() : await ServeImagingAsync(imaging, owner!, request.PatientId, next, cancellationToken);
    }

    // The images a handler served join the burst before the endpoint sends them: nothing retrieved escapes the audit.
    private async Task<TResponse> ServeImagingAsync(IImagingAudited imaging, BurstOwner owner, Guid patientId, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next();
        if (imaging.StudyUid is { } study)
        {
            await bursts.AddAsync(owner, patientId, study, imaging.Channel, scope.ImagingTitle, scope.ServedImages, cancellationToken);
        }

        return response;
    }

    private async Task<(bool Allowed, string Reason, AccessDecision? Decision, StoredDocument? Document)> DecideAsync(TRequest request, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated)
        {
            // The patient in person (public access-report page): only their own report, with the letter's code.
            return request is IPatientSelfService self && request.AuditAction == PatientScopedActions.OwnAccessReport
                && await mediator.Send(new VerifyPatientAccessCode(self.AccessCode, self.BirthDate), cancellationToken) == request.PatientId
                ? (true, "patient-code", null, null)
                : (false, "anonymous", null, null);
        }

        if (!user.IsInRole(Roles.Physician))
        {
            // Staff see who accessed a record, never the record itself.
            var staff = user.IsInRole(Roles.PatientDesk) || user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin);
            var reportOnly = request.AuditAction == PatientScopedActions.AccessReport && request.DocumentId is null;
            if (request is IHospitalDeskRequest && (user.IsInRole(Roles.PatientDesk) || user.IsInRole(Roles.Admin)))
            {
                return await DecideForDeskAsync(request, cancellationToken);
            }

            return staff && reportOnly ? (true, "staff", null, null) : (false, "role", null, null);
        }

        if (request.AuditAction is PatientScopedActions.AccessReport or PatientScopedActions.OwnAccessReport || request is IHospitalDeskRequest)
        {
            return (false, "role", null, null);
        }

        var decision = await mediator.Send(new CheckAccess(user.UserId, user.Inami, request.PatientId), cancellationToken);
        if (!decision.Allowed)
        {
            return (false, decision.Reason, decision, null);
        }

        if (request.DocumentId is not { } documentId)
        {
            scope.ClinicalAccess = true;
            return (true, decision.Reason, decision, null);
        }

        var document = await documents.FindAsync(documentId, cancellationToken);
        if (document is null || document.PatientId != request.PatientId)
        {
            return (false, "document-not-found", decision, null);
        }

        // R6: only the masking physician (the author) keeps access to an author-masked document.
        var ownMask = document.IsMaskedByAuthor && document.IsAuthoredBy(user.Inami);
        if (document.MaskedBy is not null && !ownMask)
        {
            return (false, "masked", decision, document);
        }

        if (request is MaskOwnDocument && !document.IsAuthoredBy(user.Inami))
        {
            return (false, "not-author", decision, document);
        }

        if (document.EmbargoUntil is { } until && until > time.GetUtcNow())
        {
            return (false, "embargoed", decision, document);
        }

        scope.ClinicalAccess = true;
        return (true, decision.Reason, decision, document);
    }

    // The patient's requests handled by the desk: document metadata and masking, never content (no ClinicalAccess).
    private async Task<(bool Allowed, string Reason, AccessDecision? Decision, StoredDocument? Document)> DecideForDeskAsync(TRequest request, CancellationToken cancellationToken)
    {
        if (request.DocumentId is not { } documentId)
        {
            return (true, "patient-request", null, null);
        }

        var document = await documents.FindAsync(documentId, cancellationToken);
        return document is null || document.PatientId != request.PatientId
            ? (false, "document-not-found", null, null)
            : (true, "patient-request", null, document);
    }
}
