using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Pages.Patients;
using HapModular.Modules.Consent.Resources;
using HapModular.Modules.Consent.Web;
using HapModular.Modules.Identity.Contracts;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Consent.Pages.Desk;

/// <summary>
/// J5 at the patient desk: find the patient, see consent, links, exclusions and the full history; record consent,
/// revoke a link, add or lift an exclusion — each on the patient's request, whose reference is noted.
/// </summary>
[Authorize(Roles = Roles.PatientDesk + "," + Roles.Admin)]
internal sealed class IndexModel(IMediator mediator, ICurrentUser user, ProofFiles proofs, TimeProvider time, IStringLocalizer<ConsentText> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "patient")]
    public Guid? PatientId { get; set; }

    public IReadOnlyList<PatientSummary> Results { get; private set; } = [];

    public PatientSummary? Patient { get; private set; }

    public PatientConsentState? State { get; private set; }

    public IReadOnlyList<ConsentHistoryEntry> History { get; private set; } = [];

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Notice = TempData["Notice"] as string;
        Error = TempData["Error"] as string;
        if (!string.IsNullOrWhiteSpace(Query))
        {
            Results = await mediator.Send(new SearchPatients(Query.Trim()), cancellationToken);
        }

        if (PatientId is { } id)
        {
            Patient = (await mediator.Send(new GetPatientSummaries([id]), cancellationToken)).FirstOrDefault();
            if (Patient is not null)
            {
                State = await mediator.Send(new GetPatientConsentState(id), cancellationToken);
                History = await mediator.Send(new GetConsentHistory(id), cancellationToken);
            }
        }
    }

    /// <summary>
    /// A consent "given" on a signed form is recorded only with the form's scan (PDF, JPEG or PNG, checked by its bytes):
    /// a claim of a signature nobody can show is no proof. The scan's blob id is kept in the event.
    /// </summary>
    public async Task<IActionResult> OnPostConsentAsync(Guid patient, ConsentStatus status, string? method, string? reference, IFormFile? scan, CancellationToken cancellationToken)
    {
        string? proof = null;
        if (status == ConsentStatus.Given && method != ConsentMethods.Oral && !string.IsNullOrWhiteSpace(reference))
        {
            var stored = await proofs.StoreUploadAsync(scan, cancellationToken);
            if (stored.Error is { } error)
            {
                TempData["Error"] = text[error == ProofError.Missing ? "ConsentScanRequired" : "ProofError." + error, proofs.MaxBytes / (1024 * 1024)].Value;
                return RedirectToPage(new { patient });
            }

            (method, proof) = (ConsentMethods.Signed, stored.BlobId);
        }

        return await WithReferenceAsync(patient, reference, () => mediator.Send(new RecordConsent(patient, status, method, proof, reference!.Trim(), user.AsStaff()), cancellationToken));
    }

    public Task<IActionResult> OnPostRevokeAsync(Guid patient, Guid linkId, string? reason, string? reference, CancellationToken cancellationToken) =>
        reason?.Trim().Length > MaxReason ? TooLongAsync(patient, MaxReason) : WithReferenceAsync(patient, reference, () => mediator.Send(
            new RevokeLink(linkId, string.IsNullOrWhiteSpace(reason) ? "patient-request" : reason.Trim(), reference!.Trim(), user.AsStaff()), cancellationToken));

    public async Task<IActionResult> OnPostExcludeAsync(Guid patient, string? inami, string? reference, CancellationToken cancellationToken)
    {
        var digits = new string((inami ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 8 && !Inami.TryParse(digits, out _, out _))
        {
            TempData["Error"] = text["InamiInvalid"].Value;
            return RedirectToPage(new { patient });
        }

        var physician = await mediator.Send(new FindPhysicianByInami(digits), cancellationToken);
        var name = physician is null ? null : $"Dr {physician.FirstName} {physician.LastName}";
        return await WithReferenceAsync(patient, reference, () => mediator.Send(new ChangeExclusion(patient, digits, true, name, reference!.Trim(), user.AsStaff()), cancellationToken));
    }

    public Task<IActionResult> OnPostLiftAsync(Guid patient, string inami, string? reference, CancellationToken cancellationToken) =>
        WithReferenceAsync(patient, reference, () => mediator.Send(new ChangeExclusion(patient, inami, false, null, reference!.Trim(), user.AsStaff()), cancellationToken));

    /// <summary>As the forms' <c>maxlength</c>: longer text is refused with a message, never cut.</summary>
    public const int MaxReference = 100;

    public const int MaxReason = 300;

    private Task<IActionResult> TooLongAsync(Guid patient, int max)
    {
        TempData["Error"] = text["TextTooLong", max].Value;
        return Task.FromResult<IActionResult>(RedirectToPage(new { patient }));
    }

    private async Task<IActionResult> WithReferenceAsync(Guid patient, string? reference, Func<Task<bool>> change)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            TempData["Error"] = text["ReferenceRequired"].Value;
        }
        else if (reference.Trim().Length > MaxReference)
        {
            TempData["Error"] = text["TextTooLong", MaxReference].Value;
        }
        else
        {
            var done = await change();
            TempData[done ? "Notice" : "Error"] = done ? text["ChangeRecorded"].Value : text["NothingChanged"].Value;
        }

        return RedirectToPage(new { patient });
    }
}
