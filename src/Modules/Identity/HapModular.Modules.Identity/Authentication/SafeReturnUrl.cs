using HapModular.SharedKernel;
using Microsoft.AspNetCore.Mvc;

namespace HapModular.Modules.Identity.Authentication;

/// <summary>Only local paths after sign-in: the return URL must not become an open redirect.</summary>
internal static class SafeReturnUrl
{
    public static string Of(IUrlHelper url, string? returnUrl) =>
        returnUrl is { Length: > 0 } && url.IsLocalUrl(returnUrl) ? returnUrl : "/";

    /// <summary>
    /// Where a fresh session goes: the page the person asked for, or else their own work — a physician to "My patients",
    /// the desk to the desk — rather than the public home page.
    /// </summary>
    public static string AfterSignIn(IUrlHelper url, string? returnUrl, IReadOnlyCollection<string> roles)
    {
        var asked = Of(url, returnUrl);
        if (asked != "/")
        {
            return asked;
        }

        return roles.Contains(Roles.Physician) ? "/patients" : roles.Contains(Roles.PatientDesk) ? "/desk" : "/";
    }
}
