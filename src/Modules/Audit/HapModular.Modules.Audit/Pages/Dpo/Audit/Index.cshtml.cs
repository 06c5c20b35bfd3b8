using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Audit.Report;
using HapModular.Modules.Audit.Resources;
using HapModular.Modules.Audit.Verification;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Audit.Pages.Dpo.Audit;

/// <summary>The DPO's audit search (by physician, patient NISS, period, outcome, purpose) and the chain check.</summary>
[Authorize(Roles = Roles.Dpo)]
internal sealed class IndexModel(IMediator mediator, AuditSearch search, ChainVerifier verifier, ICurrentUser user, IStringLocalizer<AuditText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Physician { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Patient { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Purpose { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Verify { get; set; }

    public IReadOnlyList<AuditSearchRow>? Rows { get; private set; }

    public ChainVerification? Chain { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "private, no-store";
        if (Verify)
        {
            Chain = await verifier.VerifyAsync(cancellationToken);
        }

        if (Physician is null && Patient is null && From is null && To is null && Outcome is null && Purpose is null)
        {
            return;
        }

        Guid? patientId = null;
        if (!string.IsNullOrWhiteSpace(Patient))
        {
            var found = Niss.TryParse(Patient, out _, out _) ? await mediator.Send(new SearchPatients(Patient), cancellationToken) : [];
            if (found.Count != 1)
            {
                ModelState.AddModelError(nameof(Patient), text["UnknownPatient"]);
                return;
            }

            patientId = found[0].PatientId;
        }

        Rows = await search.RunAsync(new AuditSearchFilter(Physician, patientId, From, To, Outcome, Purpose), cancellationToken);
        // The DPO's own searches are part of the trail too (no NISS: the patient id only).
        await mediator.Send(new RecordAudit("audit-search", AuditOutcome.Allowed, user.UserId, user.DisplayName, null, user.ClientAddress, patientId), cancellationToken);
    }
}
