using Hangfire;
using HapModular.Modules.Interop.Contracts;
using HapModular.Modules.Interop.Inbox;
using HapModular.Modules.Interop.Resources;
using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Interop.Pages.Admin.Interop;

/// <summary>
/// For hospital administrators: per inbound source, what was received, filed, held and refused; the held messages and
/// the dead-letter list (what, from whom, why), each to retry (after the registry was corrected) or discard. Shows
/// message ids and reasons only, never content or a NISS. Every decision is audited.
/// </summary>
[Authorize(Roles = Roles.Admin)]
internal sealed class IndexModel(IMediator mediator, InboxStore inbox, IBackgroundJobClient jobs, ICurrentUser user, IStringLocalizer<InteropText> text) : PageModel
{
    public IReadOnlyList<InboundSourceCounts> Counts { get; private set; } = [];

    public IReadOnlyList<InboundMessage> Waiting { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Notice = TempData["Notice"] as string;
        Counts = await mediator.Send(new GetInboundSummary(), cancellationToken);
        Waiting = await inbox.ListAsync([InboundStatus.Held, InboundStatus.Dead], 200, cancellationToken);
    }

    public Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken) => DecideAsync(id, InboundStatus.Received, "inbound-retry", cancellationToken);

    public Task<IActionResult> OnPostDiscardAsync(Guid id, CancellationToken cancellationToken) => DecideAsync(id, InboundStatus.Discarded, "inbound-discard", cancellationToken);

    private async Task<IActionResult> DecideAsync(Guid id, string status, string action, CancellationToken cancellationToken)
    {
        var changed = await inbox.ResolveAsync(id, status, cancellationToken);
        if (changed && status == InboundStatus.Received)
        {
            jobs.Enqueue<InboundRetryJob>(j => j.RunAsync(id, CancellationToken.None));
        }

        await mediator.Send(new RecordAudit(action, changed ? AuditOutcome.Allowed : AuditOutcome.Failed, user.UserId, user.DisplayName, null, user.ClientAddress, Reason: "message " + id), cancellationToken);
        TempData["Notice"] = text[!changed ? "Unchanged" : status == InboundStatus.Received ? "Retried" : "Discarded"].Value;
        return RedirectToPage();
    }
}
