using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared.Web.Resources;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Shared.Web.Banner;

/// <summary>
/// THE patient banner: name, birth date, age, sex and masked NISS above any page that shows a patient's data. The
/// layout places it on every page whose route carries <c>{patientId}</c>; a page may place it itself
/// (<c>@await Component.InvokeAsync(typeof(PatientBannerViewComponent), new { patientId })</c>), and the layout then
/// does not repeat it. It renders nothing unless Records' <see cref="GetPatientBanner"/> answers, which it does only
/// for what the request may already show — so a denial never carries it.
/// </summary>
public sealed class PatientBannerViewComponent(IMediator mediator, IStringLocalizer<BannerText> text) : ViewComponent
{
    /// <summary>The route value (and the <c>ViewData</c> key) that names the page's patient.</summary>
    public const string PatientIdKey = "patientId";

    private const string ShownKey = "HapModular.PatientBanner.Shown";

    /// <summary>
    /// Renders the banner of <paramref name="patientId"/>; without it, of the page's patient (<c>ViewData["patientId"]</c>,
    /// else the route value), unless the page already showed a banner.
    /// </summary>
    /// <param name="patientId">The patient, or null for the page's own.</param>
    public async Task<IViewComponentResult> InvokeAsync(Guid? patientId = null)
    {
        if (patientId is null && HttpContext.Items.ContainsKey(ShownKey))
        {
            return Content(string.Empty);
        }

        var id = patientId ?? PagePatient();
        var banner = id is { } p ? await mediator.Send(new GetPatientBanner(p), HttpContext.RequestAborted) : null;
        if (banner is null)
        {
            return Content(string.Empty);
        }

        HttpContext.Items[ShownKey] = true;
        return new HtmlContentViewComponentResult(new BannerHtml(banner, text));
    }

    private Guid? PagePatient() =>
        ViewData[PatientIdKey] as Guid?
        ?? (Guid.TryParse(RouteData.Values.GetValueOrDefault(PatientIdKey)?.ToString(), out var fromRoute) ? fromRoute : null);
}
