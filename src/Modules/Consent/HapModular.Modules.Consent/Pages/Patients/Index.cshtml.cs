using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Resources;
using HapModular.Modules.Consent.Web;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Consent.Pages.Patients;

/// <summary>
/// J3 "My patients", where a physician lands after signing in: active links, links ending within 30 days (renewed in
/// one step with a new proof), and ended or blocked ones — saying why only when the physician ended the link himself.
/// Ending a link goes through a confirmation page with a reason (<c>/links/{id}/end</c>).
/// </summary>
[Authorize(Roles = Roles.Physician)]
internal sealed class IndexModel(IMediator mediator, ICurrentUser user, ProofFiles proofs, TimeProvider time, IStringLocalizer<ConsentText> text) : PageModel
{
    public IReadOnlyList<MyPatientRow> Rows { get; private set; } = [];

    public IEnumerable<MyPatientRow> In(LinkSection section) => Rows.Where(r => r.Section == section);

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Notice = TempData["Notice"] as string;
        Error = TempData["Error"] as string;
        var links = await mediator.Send(new GetMyLinks(user.UserId, user.Inami), cancellationToken);
        var patients = links.Count == 0 ? [] : await mediator.Send(new GetPatientSummaries(links.Select(l => l.Link.PatientId).Distinct().ToList()), cancellationToken);
        var byId = patients.ToDictionary(p => p.PatientId);
        var now = time.GetUtcNow();
        Rows = [.. links.Where(l => byId.ContainsKey(l.Link.PatientId)).Select(l => MyPatientRow.Classify(l, byId[l.Link.PatientId], user.UserId, now))];
    }

    public async Task<IActionResult> OnPostRenewAsync(Guid linkId, IFormFile? proofFile, CancellationToken cancellationToken)
    {
        var proof = await proofs.StoreUploadAsync(proofFile, cancellationToken);
        if (proof.Error is { } error)
        {
            TempData["Error"] = text["ProofError." + error, proofs.MaxBytes / (1024 * 1024)].Value;
            return RedirectToPage();
        }

        var end = await mediator.Send(new RenewLink(linkId, user.UserId, ProofTypes.SignedForm, proof.BlobId, user.As(ActorRoles.Physician)), cancellationToken);
        TempData[end is null ? "Error" : "Notice"] = end is null
            ? text["RenewFailed"].Value
            : text["LinkRenewed", HapModular.Modules.Shared.Web.LocalTimes.Date(end.Value)].Value;
        return RedirectToPage();
    }
}
