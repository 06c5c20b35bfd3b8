using System.Net.Mail;
using HapModular.Modules.Identity.AccessRequests;
using HapModular.Modules.Identity.AccessRequests.Submit;
using HapModular.Modules.Identity.Resources;
using HapModular.Modules.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Identity.Pages.AccessRequest;

/// <summary>
/// The public access-request form (J1). Each bad field gets its own message next to it; a valid form is answered
/// the same after the same work, whoever holds the INAMI number (<see cref="SubmitAccessRequestJob"/> decides later).
/// </summary>
[AllowAnonymous]
internal sealed class IndexModel(SubmitAccessRequest requests, ICurrentUser user, IdentitySettings settings, IStringLocalizer<IdentityText> text) : PageModel
{
    [BindProperty]
    public AccessRequestForm Form { get; set; } = new();

    public string TermsVersion => settings.TermsVersion;

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Required(Form.FirstName, "Form.FirstName", "FirstNameRequired");
        Required(Form.LastName, "Form.LastName", "LastNameRequired");
        Required(Form.PracticeAddress, "Form.PracticeAddress", "AddressRequired");
        Required(Form.Phone, "Form.Phone", "PhoneRequired");
        if (!MailAddress.TryCreate(Form.Email?.Trim(), out var email) || email.Address != Form.Email!.Trim() || Form.Email.Length > 200)
        {
            ModelState.AddModelError("Form.Email", text["EmailInvalid"]);
        }

        if (!SharedKernel.Inami.TryParse(Form.Inami, out var inami, out var error))
        {
            ModelState.AddModelError("Form.Inami", text["Inami" + error]);
        }

        var specialty = ModelState.ContainsKey("Form.Inami") ? null : Specialties.FromQualification(inami.Qualification) ?? Form.Specialty;
        if (!ModelState.ContainsKey("Form.Inami") && (specialty is null || !Specialties.All.Contains(specialty)))
        {
            ModelState.AddModelError("Form.Specialty", text["SpecialtyRequired"]);
        }

        if (!Form.AcceptTerms)
        {
            ModelState.AddModelError("Form.AcceptTerms", text["TermsRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await requests.QueueAsync(Form, inami, specialty!, user.ClientAddress, cancellationToken);
        Sent = true;
        return Page();
    }

    private void Required(string? value, string key, string message)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 300)
        {
            ModelState.AddModelError(key, text[message]);
        }
    }
}
