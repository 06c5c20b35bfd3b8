using System.Net;

namespace HapModular.Modules.Identity.Tests;

/// <summary>
/// Issue 14: the practice software reads FHIR with the physician's personal access token (it has no browser session),
/// read-only like DICOMweb.
/// </summary>
public sealed partial class AccessTokenTests
{
    [Fact]
    public async Task A_token_reads_the_fhir_api_as_its_physician()
    {
        var (account, secret) = await factory.CreateAccountAsync();
        using var browser = await SignedInAsync(account.Email, secret);
        var token = await CreateTokenAsync(browser, "logiciel du cabinet");
        var search = new Uri("/fhir/Patient?identifier=https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/ssin|85073003328", UriKind.Relative);

        using var withToken = await Bearer(token).GetAsync(search);
        using var without = await factory.NewClient().GetAsync(search);
        using var write = await Bearer(token).PostAsync(new Uri("/fhir/Patient", UriKind.Relative), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Contains("\"resourceType\":\"Bundle\"", await withToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, write.StatusCode);
    }
}
