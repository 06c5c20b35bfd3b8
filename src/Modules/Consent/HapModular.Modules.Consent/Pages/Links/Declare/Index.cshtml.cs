using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.IdentityChecks;
using HapModular.Modules.Consent.Resources;
using HapModular.Modules.Consent.Web;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Consent.Pages.Links.Declare;

/// <summary>
/// J2: during the visit the physician types the NISS, name and birth date read from the eID, picks the link type and
/// attaches the signed consent (scan/photo, or signature on the screen). An unknown patient, a mismatch, a patient
/// without consent or one who excluded this physician all get the same neutral answer.
/// </summary>
[Authorize(Roles = Roles.Physician)]
internal sealed class IndexModel(IMediator mediator, ICurrentUser user, ProofFiles proofs, IStringLocalizer<ConsentText> text) : PageModel
{
    [BindProperty]
    public string? Niss { get; set; }

    [BindProperty]
    public string? LastName { get; set; }

    [BindProperty]
    public DateOnly? BirthDate { get; set; }

    [BindProperty]
    public string LinkType { get; set; } = LinkTypes.Consultation;

    [BindProperty]
    public string ProofMode { get; set; } = "upload";

    [BindProperty]
    public IFormFile? ProofFile { get; set; }

    [BindProperty]
    public string? Signature { get; set; }

    public IReadOnlyList<string> Types => LinkTypes.All.Where(t => t != LinkTypes.PatientDeclared).ToList();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!HapModular.SharedKernel.Niss.TryParse(Niss, out var niss, out var nissError))
        {
            ModelState.AddModelError(nameof(Niss), text["NissError." + nissError]);
        }

        if (string.IsNullOrWhiteSpace(LastName))
        {
            ModelState.AddModelError(nameof(LastName), text["LastNameRequired"]);
        }

        if (BirthDate is null)
        {
            ModelState.AddModelError(nameof(BirthDate), text["BirthDateRequired"]);
        }

        if (!Types.Contains(LinkType))
        {
            ModelState.AddModelError(nameof(LinkType), text["LinkTypeRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The proof is checked in memory: it reaches the blob store only if the link is created.
        var proof = ProofMode == "signature"
            ? proofs.ReadSignature(Signature)
            : await proofs.ReadUploadAsync(ProofFile, cancellationToken);
        if (proof.Error is { } error)
        {
            ModelState.AddModelError(ProofMode == "signature" ? nameof(Signature) : nameof(ProofFile), text["ProofError." + error, proofs.MaxBytes / (1024 * 1024)]);
            return Page();
        }

        var identity = await mediator.Send(new CheckPatientIdentity(niss.Digits, LastName!.Trim(), BirthDate!.Value, IdentityCheckPurposes.LinkDeclaration), cancellationToken);
        if (identity.Outcome == IdentityCheckOutcome.TooManyAttempts)
        {
            ModelState.AddModelError(string.Empty, text["IdentityCheckTooMany"]);
            return Page();
        }

        if (identity.PatientId is not { } patientId)
        {
            return Neutral();
        }

        var result = await mediator.Send(
            new DeclareLink(patientId, user.UserId, user.Inami ?? string.Empty, user.DisplayName, LinkType, ProofTypes.SignedForm, null, user.As(ActorRoles.Physician)) { ProofContent = proof.Content },
            cancellationToken);
        if (result.Outcome == DeclareLinkOutcome.NotPossible)
        {
            return Neutral();
        }

        TempData["Notice"] = result.Outcome == DeclareLinkOutcome.AlreadyActive ? text["LinkAlreadyActive"].Value : text["LinkDeclared"].Value;
        return Redirect("/patients");
    }

    private PageResult Neutral()
    {
        ModelState.AddModelError(string.Empty, text["DeclareNeutral"]);
        return Page();
    }
}
