using System.Globalization;
using System.Text.Encodings.Web;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared.Web.Resources;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Shared.Web.Banner;

/// <summary>
/// The banner's markup, written straight to the page. Why not a Razor view: the banner is on every patient page, and its
/// view cost a view context, view data, a template info and the view's own instance on each (issue 15); this is the
/// markup the view had, every text encoded as Razor encodes it. Never the NISS in clear: Records gives it masked.
/// </summary>
internal sealed class BannerHtml(PatientBanner model, IStringLocalizer<BannerText> t) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        writer.Write("<section class=\"patient-banner\" aria-label=\"");
        encoder.Encode(writer, t["Patient"]);
        writer.Write("\" data-patient=\"");
        encoder.Encode(writer, model.PatientId.ToString());
        writer.Write("\">\n    <p class=\"patient-banner-name\"><strong>");
        encoder.Encode(writer, model.LastName.ToUpperInvariant());
        writer.Write("</strong> ");
        encoder.Encode(writer, model.FirstName);
        writer.Write("</p>\n    <dl class=\"patient-banner-facts\">\n        <div><dt>");
        encoder.Encode(writer, t["BirthDate"]);
        writer.Write("</dt><dd class=\"patient-banner-birth\"><time datetime=\"");
        encoder.Encode(writer, model.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.Write("\">");
        encoder.Encode(writer, model.BirthDate.ToString("d", CultureInfo.CurrentCulture));
        writer.Write("</time></dd></div>\n        <div><dt>");
        encoder.Encode(writer, t["Age"]);
        writer.Write("</dt><dd class=\"patient-banner-age\">");
        encoder.Encode(writer, t["Years", model.Age]);
        writer.Write("</dd></div>\n        <div><dt>");
        encoder.Encode(writer, t["Sex"]);
        writer.Write("</dt><dd class=\"patient-banner-sex\">");
        encoder.Encode(writer, t["Sex." + model.Sex]);
        writer.Write("</dd></div>\n        <div><dt>");
        encoder.Encode(writer, t["Niss"]);
        writer.Write("</dt><dd class=\"patient-banner-niss niss\">");
        encoder.Encode(writer, model.MaskedNiss);
        writer.Write("</dd></div>\n    </dl>\n</section>");
    }
}
