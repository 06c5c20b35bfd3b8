using Microsoft.AspNetCore.Mvc;

namespace HapModular.Modules.Identity.Authentication;

/// <summary>Only local paths after sign-in: the return URL must not become an open redirect.</summary>
internal static class SafeReturnUrl
{
    public static string Of(IUrlHelper url, string? returnUrl) =>
        returnUrl is { Length: > 0 } && url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
