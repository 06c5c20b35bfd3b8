using System.Text.Encodings.Web;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared.Web.Banner;
using HapModular.Modules.Shared.Web.Resources;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// The patient banner is written without Razor (<see cref="BannerHtml"/>): whatever a name holds is shown as text, never
/// as markup; the NISS is shown only as Records gives it, masked. (The banner's place on every patient page, in each
/// language, is ConsentMatrixTests' business.)
/// </summary>
public sealed class BannerHtmlTests
{
    [Fact]
    public void A_name_with_markup_comes_out_as_text()
    {
        var banner = new PatientBanner(Guid.Parse("11111111-2222-3333-4444-555555555555"), "<img src=x onerror=alert(1)>", "O\"Brien<script>", new DateOnly(1961, 1, 2), 65, "F", "••.••.••-•••.53");
        using var writer = new StringWriter();
        new BannerHtml(banner, new Keys()).WriteTo(writer, HtmlEncoder.Default);
        var html = writer.ToString();

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<strong>O&quot;BRIEN&lt;SCRIPT&gt;</strong> &lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("data-patient=\"11111111-2222-3333-4444-555555555555\"", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"1961-01-02\">", html, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"patient-banner-sex\">Sex.F</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"patient-banner-age\">Years:65</dd>", html, StringComparison.Ordinal);
        Assert.StartsWith("<section class=\"patient-banner\"", html, StringComparison.Ordinal);
        Assert.EndsWith("</section>", html, StringComparison.Ordinal);
    }

    private sealed class Keys : IStringLocalizer<BannerText>
    {
        public LocalizedString this[string name] => new(name, name == "Years" ? "Years:{0}" : name);

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, this[name].Value, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
