using HapModular.Modules.Identity.Authentication;
using HapModular.Modules.Identity.Enrolment;
using HapModular.Modules.Identity.Passwords;
using HapModular.Modules.Identity.Resources;
using HapModular.Modules.Identity.Totp;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Identity.Pages.Account.Enrol;

/// <summary>The enrolment link's page: choose a password, add the authenticator, keep the recovery codes.</summary>
[AllowAnonymous]
internal sealed class IndexModel(EnrolmentLink enrolment, CompleteEnrolment complete, TotpAuthenticator totp, TimeProvider time, IStringLocalizer<IdentityText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? ProtectedSecret { get; set; }

    public string? Email { get; private set; }

    public string? Secret { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public bool Invalid { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var account = await enrolment.FindAsync(Token, cancellationToken);
        if (account is null)
        {
            return Refused();
        }

        // A reload (or coming back to the link) shows the key the authenticator may already hold, until enrolment
        // completes: the pending key rides in a cookie, protected for this token only, on this page's path only.
        var pending = enrolment.UnprotectSecret(Token!, Request.Cookies[PendingKeyCookie]);
        Show(account, pending ?? TotpAuthenticator.NewSecret());
        Response.Cookies.Append(PendingKeyCookie, ProtectedSecret!, PendingKeyOptions());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var account = await enrolment.FindAsync(Token, cancellationToken);
        var secret = enrolment.UnprotectSecret(Token ?? string.Empty, ProtectedSecret);
        if (account is null || secret is null)
        {
            return Refused();
        }

        ModelState.Clear();
        if (PasswordPolicy.Check(Password, account.Email) is { } problem)
        {
            ModelState.AddModelError(nameof(Password), text[problem, PasswordPolicy.MinimumLength]);
        }
        else if (Password != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), text["PasswordsDiffer"]);
        }

        var step = totp.Verify(secret, Code, 0);
        if (step is null)
        {
            ModelState.AddModelError(nameof(Code), text["EnrolCodeWrong"]);
        }

        if (!ModelState.IsValid)
        {
            Show(account, secret);
            return Page();
        }

        var done = await complete.RunAsync(Token!, Password!, secret, step!.Value, cancellationToken);
        if (done is null)
        {
            return Refused();
        }

        await HttpContext.SignInAsync(IdentitySchemes.Session, SessionPrincipal.For(done.Value.Account, time.GetUtcNow()), new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        Response.Cookies.Delete(PendingKeyCookie, PendingKeyOptions());
        RecoveryCodes = done.Value.RecoveryCodes;
        Email = done.Value.Account.Email;
        return Page();
    }

    private const string PendingKeyCookie = "hap.enrol.key";

    private CookieOptions PendingKeyOptions() =>
        new() { HttpOnly = true, Secure = Request.IsHttps, SameSite = SameSiteMode.Strict, Path = Request.PathBase.Add(Request.Path).Value, IsEssential = true };

    private void Show(Accounts.Account account, string secret)
    {
        Email = account.Email;
        Secret = secret;
        ProtectedSecret = enrolment.ProtectSecret(Token!, secret);
        Password = ConfirmPassword = Code = null;
    }

    private PageResult Refused()
    {
        Invalid = true;
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }
}
