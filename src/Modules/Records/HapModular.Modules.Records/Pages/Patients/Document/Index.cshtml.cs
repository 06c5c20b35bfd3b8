using System.Globalization;
using HapModular.Modules.Records.Access;
using HapModular.Modules.Records.Viewing;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HapModular.Modules.Records.Pages.Patients.Document;

/// <summary>One document in its viewer (host-sanitized HTML, the plugin's client module), with its download.</summary>
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    public Guid PatientId { get; private set; }

    public DocumentView? View { get; private set; }

    public string BaseUrl => $"/patients/{PatientId}/documents/{View?.Document.Id}";

    public async Task<IActionResult> OnGetAsync(Guid patientId, Guid documentId, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
        }

        PatientId = patientId;
        Response.Headers.CacheControl = "private, no-store";
        try
        {
            View = await mediator.Send(new ViewDocument(patientId, documentId, CultureInfo.CurrentUICulture), cancellationToken);
        }
        catch (PatientAccessDeniedException)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
