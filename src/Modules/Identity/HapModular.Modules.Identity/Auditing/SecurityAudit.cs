using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Shared;
using MediatR;

namespace HapModular.Modules.Identity.Auditing;

/// <summary>Writes Identity's security events (sign-in, failure, lockout, approval…) to the Audit module.</summary>
internal sealed class SecurityAudit(IMediator mediator, ICurrentUser currentUser)
{
    /// <summary>An event done by the signed-in user (an admin) or, when <paramref name="actor"/> is given, by that account.</summary>
    public Task RecordAsync(string action, AuditOutcome outcome, Account? actor = null, string? reason = null, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        var audit = actor is not null
            ? new RecordAudit(action, outcome, actor.Id, actor.DisplayName, actor.Inami, clientAddress ?? currentUser.ClientAddress, Reason: reason)
            : new RecordAudit(
                action,
                outcome,
                currentUser.IsAuthenticated ? currentUser.UserId : null,
                currentUser.IsAuthenticated ? currentUser.DisplayName : null,
                currentUser.Inami,
                clientAddress ?? currentUser.ClientAddress,
                Reason: reason);
        return mediator.Send(audit, cancellationToken);
    }
}
