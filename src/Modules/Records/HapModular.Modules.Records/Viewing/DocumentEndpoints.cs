using System.Globalization;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace HapModular.Modules.Records.Viewing;

/// <summary>
/// The binary document endpoints (thumbnail, render targets, download). Each sends one patient-scoped request
/// through the guard; a denial is a bare 404, identical for every reason. Nothing is cached by the browser or a proxy.
/// </summary>
internal static class DocumentEndpoints
{
    private const string Prefix = "/patients/{patientId:guid}/documents/{documentId:guid}";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Prefix + "/thumbnail", (Guid patientId, Guid documentId, HttpContext http) =>
            SendAsync(http, new GetDocumentThumbnail(patientId, documentId), attachment: false)).ExcludeFromDescription();
        endpoints.MapGet(Prefix + "/download", (Guid patientId, Guid documentId, HttpContext http) =>
            SendAsync(http, new DownloadDocument(patientId, documentId), attachment: true)).ExcludeFromDescription();
        endpoints.MapGet(Prefix + "/render/{target}", (Guid patientId, Guid documentId, string target, HttpContext http) =>
        {
            var parameters = http.Request.Query.Take(20).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            var culture = http.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.GetCultureInfo("fr");
            return SendAsync(http, new RenderDocument(patientId, documentId, target, parameters, culture), attachment: false);
        }).ExcludeFromDescription();
    }

    /// <summary>
    /// The name a browser saves the file under, without control or format characters: a right-to-left override
    /// (U+202E) makes "report\u202Efdp.exe" display as "reportexe.pdf".
    /// </summary>
    internal static string SafeFileName(string? name)
    {
        var kept = new string((name ?? string.Empty).Where(c => char.GetUnicodeCategory(c) is not (UnicodeCategory.Control or UnicodeCategory.Format)).ToArray()).Trim();
        return kept.Length == 0 ? "document" : kept;
    }

    private static async Task SendAsync(HttpContext http, IRequest<RenderedContent> request, bool attachment)
    {
        http.Response.Headers.CacheControl = "private, no-store";
        RenderedContent result;
        try
        {
            result = await http.RequestServices.GetRequiredService<IMediator>().Send(request, http.RequestAborted);
        }
        catch (PatientAccessDeniedException)
        {
            // A bare 404: the status-code page would add a per-request trace id, and nothing may differ between reasons.
            http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (result.Content is null)
        {
            http.Response.StatusCode = result.Status;
            return;
        }

        if (result.MediaType == "application/pdf" && !attachment)
        {
            // Our own document page frames the PDF; nobody else may.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'self'";
            http.Response.Headers.XFrameOptions = "SAMEORIGIN";
            // Opened on its own (a tab, a link), a PDF would run its own JavaScript in the browser's viewer: only our
            // page's frame shows it inline; anything else saves it (issue 13). Without Sec-Fetch-Dest, it is saved too.
            attachment = !string.Equals(http.Request.Headers["Sec-Fetch-Dest"], "iframe", StringComparison.Ordinal);
        }

        if (attachment)
        {
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(SafeFileName(result.FileName));
            http.Response.Headers.ContentDisposition = disposition.ToString();
        }

        http.Response.ContentType = result.MediaType;
        http.Response.ContentLength = result.Content.Length;
        await http.Response.Body.WriteAsync(result.Content, http.RequestAborted);
    }
}
