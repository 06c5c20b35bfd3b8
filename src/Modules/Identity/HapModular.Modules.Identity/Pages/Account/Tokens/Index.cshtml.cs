using HapModular.Modules.Identity.AccessTokens;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Identity.Pages.Account.Tokens;

/// <summary>
/// The physician's personal access tokens: create one (its secret shown once, in this response only), see when each
/// was last used, revoke one.
/// </summary>
[Authorize(Roles = Roles.Physician)]
internal sealed class IndexModel(ListAccessTokens list, CreateAccessToken create, RevokeAccessToken revoke, ICurrentUser user, IStringLocalizer<AccessTokenText> text) : PageModel
{
    public IReadOnlyList<PersonalAccessToken> Tokens { get; private set; } = [];

    /// <summary>The secret just created: rendered once, never stored, never redirected through TempData.</summary>
    public string? NewSecret { get; private set; }

    public string? Message { get; private set; }

    public string DicomWebAddress => $"{Request.Scheme}://{Request.Host}{Request.PathBase}/dicomweb";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostCreateAsync(string? name, int days, CancellationToken cancellationToken)
    {
        NewSecret = await create.CreateAsync(user.UserId, name ?? string.Empty, days, cancellationToken);
        Message = NewSecret is null ? text["CreateFailed"].Value : null;
        await LoadAsync(cancellationToken);
    }

    public async Task OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await revoke.RevokeAsync(user.UserId, id, cancellationToken))
        {
            Message = text["RevokedNotice"].Value;
        }

        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "private, no-store";
        Tokens = await list.ListAsync(user.UserId, cancellationToken);
    }
}
