using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HapModular.Host.Pages;

/// <summary>The error page: a reference the user can quote, never the exception.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    /// <summary>The trace id, to find the logged exception.</summary>
    public string RequestId { get; private set; } = string.Empty;

    /// <summary>Shows the page for any method.</summary>
    public void OnGet() => RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;

    /// <summary>Errors during a POST land here too.</summary>
    public void OnPost() => OnGet();
}
