using HapModular.Host.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HapModular.Host.Pages;

/// <summary>
/// The portal's error page for pages (never for /api, which answers problem details): 403, 404 and every other
/// failure, in the reader's language, never the exception. A failure and a refusal show a reference, the
/// correlation id written in the log line of the same request; a missing page shows none, so every "not found"
/// stays byte-for-byte the same.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    /// <summary>The status shown: the original response's (re-executed) or the one in the URL.</summary>
    public int Code { get; private set; }

    /// <summary>The reference to quote, for failures and refusals.</summary>
    public string? CorrelationId { get; private set; }

    /// <summary>Shows the page for any method.</summary>
    /// <param name="code">The status code from the URL (<c>/error/404</c>).</param>
    public void OnGet(int? code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        var failed = HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Code = failed ? 500 : reExecuted ? Response.StatusCode : code ?? 500;
        if (Code == 404)
        {
            return;
        }

        CorrelationId = Correlation.Id(HttpContext);
        if (Code == 403 && reExecuted)
        {
            var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()!;
            logger.LogWarning("Refused {Method} {Path} (403), correlation id {CorrelationId}", Request.Method, original.OriginalPath, CorrelationId);
        }
    }

    /// <summary>Errors during a POST land here too.</summary>
    /// <param name="code">The status code from the URL.</param>
    public void OnPost(int? code) => OnGet(code);
}
