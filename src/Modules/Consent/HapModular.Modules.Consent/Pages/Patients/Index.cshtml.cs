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

/// <summary>J3 "My patients": the physician's active links with their end; renew (new proof) or end a link.</summary>
[Authorize(Roles = Roles.Physician)]
internal sealed class IndexModel(IMediator mediator, ICurrentUser user, ProofFiles proofs, TimeProvider time, IStringLocalizer<ConsentText> text) : PageModel
{
    /// <summary>Links ending within this many days are highlighted.</summary>
    public const int ExpiringDays = 30;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Notice = TempData["Notice"] as string;
        Error = TempData["Error"] as string;
        var links = await mediator.Send(new GetMyLinks(user.UserId), cancellationToken);
        var patients = links.Count == 0 ? [] : await mediator.Send(new GetPatientSummaries(links.Select(l => l.PatientId).ToList()), cancellationToken);
        var byId = patients.ToDictionary(p => p.PatientId);
        var today = time.GetUtcNow();
        Rows = links.Where(l => byId.ContainsKey(l.PatientId)).Select(l =>
        {
            var days = (int)Math.Ceiling((l.End!.Value - today).TotalDays);
            return new Row(l.Id, byId[l.PatientId], l.LinkType, l.End.Value, days, days < ExpiringDays);
        }).ToList();
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
        TempData[end is null ? "Error" : "Notice"] = end is null ? text["RenewFailed"].Value : text["LinkRenewed", end.Value.ToString("d", System.Globalization.CultureInfo.CurrentCulture)].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndAsync(Guid linkId, CancellationToken cancellationToken)
    {
        var ended = await mediator.Send(new RevokeLink(linkId, "ended-by-physician", null, user.As(ActorRoles.Physician)), cancellationToken);
        TempData[ended ? "Notice" : "Error"] = ended ? text["LinkEnded"].Value : text["EndFailed"].Value;
        return RedirectToPage();
    }

    internal sealed record Row(Guid LinkId, PatientSummary Patient, string LinkType, DateTimeOffset End, int DaysLeft, bool Expiring);
}
