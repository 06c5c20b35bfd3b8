using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HapModular.Modules.Records.Pages.Desk.Identity;

/// <summary>The desk's review list of documents whose file names another patient than their record (issue 11).</summary>
[Authorize(Roles = Roles.PatientDesk + "," + Roles.Admin)]
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<IdentityMismatch> Mismatches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "private, no-store";
        Mismatches = await mediator.Send(new GetIdentityMismatches(), cancellationToken);
    }
}
