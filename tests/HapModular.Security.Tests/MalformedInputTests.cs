using System.Net;

namespace HapModular.Security.Tests;

/// <summary>
/// Finding: hostile query strings answered 500 (an unhandled exception, a log line per request, an error page an
/// attacker can farm). Each must be a clear 4xx or the ordinary page, never a server error.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class MalformedInputTests(AttackedPortal portal)
{
    [Theory]
    [InlineData("/patients/{marie}?to=9999-12-31")]
    [InlineData("/patients/{marie}?from=0001-01-01&to=9999-12-31")]
    [InlineData("/patients/{marie}?q=%00")]
    [InlineData("/patients/{marie}?department=%00")]
    [InlineData("/patients/{marie}?kind=%00")]
    [InlineData("/culture/en?returnUrl=/%09/evil.example")]
    [InlineData("/culture/en?returnUrl=%00")]
    public async Task A_hostile_query_string_is_never_a_server_error(string path)
    {
        using var physician = portal.NewAttacker();
        await physician.SignInAsync(DemoPerson.DrDupont);

        using var response = await physician.GetAsync(path.Replace("{marie}", portal.Demo.MarieDubois.ToString(), StringComparison.Ordinal));

        Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found)
        {
            // The culture switch goes back only to a local page: never to another host.
            var location = response.Headers.Location!.OriginalString;
            Assert.StartsWith("/", location, StringComparison.Ordinal);
            Assert.False(location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal), location);
            Assert.DoesNotContain("evil", location, StringComparison.Ordinal);
        }
    }
}
