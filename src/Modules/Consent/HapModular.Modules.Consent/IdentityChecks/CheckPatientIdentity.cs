using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Consent.Storage;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared;
using Marten;
using MediatR;

namespace HapModular.Modules.Consent.IdentityChecks;

/// <summary>
/// The signed-in physician's identity check (NISS + last name + birth date read from the eID) before declaring a
/// link or asking emergency access: throttled per physician and per patient, every failure and refusal audited
/// (the patient's id when the NISS is a patient's, never the NISS), an alert record for the DPO the first time a
/// limit is crossed.
/// </summary>
/// <param name="NissDigits">The validated NISS digits.</param>
/// <param name="LastName">The last name typed.</param>
/// <param name="BirthDate">The birth date typed.</param>
/// <param name="Purpose"><see cref="IdentityCheckPurposes.LinkDeclaration"/> or <see cref="IdentityCheckPurposes.Emergency"/>.</param>
internal sealed record CheckPatientIdentity(string NissDigits, string LastName, DateOnly BirthDate, string Purpose) : IRequest<IdentityCheckResult>;

/// <summary>The patient's id only on <see cref="IdentityCheckOutcome.Matched"/>.</summary>
internal sealed record IdentityCheckResult(IdentityCheckOutcome Outcome, Guid? PatientId = null);

internal enum IdentityCheckOutcome
{
    Matched,

    /// <summary>Unknown NISS, mismatch, or too many failures against this patient: one neutral answer for all.</summary>
    NoMatch,

    /// <summary>This physician failed too often lately: told so (it says nothing about any patient).</summary>
    TooManyAttempts,
}

internal static class IdentityCheckPurposes
{
    public const string LinkDeclaration = "link-declaration";
    public const string Emergency = "emergency";
}

internal sealed class CheckPatientIdentityHandler(IConsentStore store, IMediator mediator, ICurrentUser user, TimeProvider time, IdentityCheckPolicy policy)
    : IRequestHandler<CheckPatientIdentity, IdentityCheckResult>
{
    public const string AuditAction = "identity-check";
    public const string AlertAction = "identity-check-alert";

    public async Task<IdentityCheckResult> Handle(CheckPatientIdentity request, CancellationToken cancellationToken)
    {
        var holder = await mediator.Send(new FindNissHolder(request.NissDigits), cancellationToken);
        var now = time.GetUtcNow();
        var attempt = new IdentityCheckAttempt { Id = Guid.NewGuid(), PhysicianUserId = user.UserId, PatientId = holder, At = now, Purpose = request.Purpose };

        // Counted before the check is made: parallel attempts see each other, so at most the limit ever get checked.
        await using (var session = store.LightweightSession())
        {
            session.Store(attempt);
            await session.SaveChangesAsync(cancellationToken);
        }

        var (byPhysician, onPatient) = await CountFailuresAsync(attempt, cancellationToken);
        if (byPhysician > policy.PerPhysician || onPatient > policy.PerPatient)
        {
            await AuditAsync(AuditAction, AuditOutcome.Denied, holder, request.Purpose + ": throttled", cancellationToken);
            if (byPhysician == policy.PerPhysician + 1)
            {
                await AuditAsync(AlertAction, AuditOutcome.Denied, holder, $"{request.Purpose}: {byPhysician} failed identity checks by this physician within {policy.PhysicianWindow.TotalMinutes:0} minutes", cancellationToken);
            }

            if (holder is not null && onPatient == policy.PerPatient + 1)
            {
                await AuditAsync(AlertAction, AuditOutcome.Denied, holder, $"{request.Purpose}: {onPatient} failed identity checks against this patient within {policy.PatientWindow.TotalHours:0} hours", cancellationToken);
            }

            return new IdentityCheckResult(byPhysician > policy.PerPhysician ? IdentityCheckOutcome.TooManyAttempts : IdentityCheckOutcome.NoMatch);
        }

        var patientId = await mediator.Send(new MatchPatient(request.NissDigits, request.LastName, request.BirthDate), cancellationToken);
        if (patientId is null)
        {
            await AuditAsync(AuditAction, AuditOutcome.Failed, holder, request.Purpose + (holder is null ? ": unknown NISS" : ": name or birth date mismatch"), cancellationToken);
            return new IdentityCheckResult(IdentityCheckOutcome.NoMatch);
        }

        await using (var session = store.LightweightSession())
        {
            attempt.Matched = true;
            session.Store(attempt);
            await session.SaveChangesAsync(cancellationToken);
        }

        return new IdentityCheckResult(IdentityCheckOutcome.Matched, patientId);
    }

    private async Task<(int ByPhysician, int OnPatient)> CountFailuresAsync(IdentityCheckAttempt attempt, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var physicianSince = attempt.At - policy.PhysicianWindow;
        var byPhysician = await session.Query<IdentityCheckAttempt>()
            .CountAsync(a => a.PhysicianUserId == attempt.PhysicianUserId && !a.Matched && a.At > physicianSince, cancellationToken);
        if (attempt.PatientId is not { } patientId)
        {
            return (byPhysician, 0);
        }

        var patientSince = attempt.At - policy.PatientWindow;
        var onPatient = await session.Query<IdentityCheckAttempt>()
            .CountAsync(a => a.PatientId == patientId && !a.Matched && a.At > patientSince, cancellationToken);
        return (byPhysician, onPatient);
    }

    private Task<AuditReceipt> AuditAsync(string action, AuditOutcome outcome, Guid? patientId, string reason, CancellationToken cancellationToken) =>
        mediator.Send(new RecordAudit(action, outcome, user.UserId, user.DisplayName, user.Inami, user.ClientAddress, patientId, Reason: reason), cancellationToken);
}
