using System.Net;

namespace HapModular.Security.Tests;

/// <summary>
/// Finding: nothing limited /patient-report, where anyone types a letter's personal code and a birth date; codes
/// could be tried at the speed of the network; /patient-rights takes the same code. After 10 tries from one address in
/// 15 minutes, on either page, the next is refused on both (one budget per address: the pages share the policy).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PatientCodeGuessingTests(AttackedPortal portal)
{
    [Fact]
    public async Task Guessing_codes_from_one_address_on_either_code_page_is_refused_after_ten_tries()
    {
        using var guesser = portal.NewAttacker();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var response = await guesser.PostFormAsync(i % 2 == 0 ? "/patient-report" : "/patient-rights", new Dictionary<string, string>
            {
                ["Code"] = $"ABCD-EFGH-{i:0000}",
                ["BirthDate"] = "1956-03-14",
            });
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        using var rights = await guesser.PostFormAsync("/patient-rights", new Dictionary<string, string> { ["Code"] = "ABCD-EFGH-JKLM", ["BirthDate"] = "1956-03-14" });
        Assert.Equal(HttpStatusCode.TooManyRequests, rights.StatusCode);
    }
}
