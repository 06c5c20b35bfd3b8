using System.Net;

namespace HapModular.Security.Tests;

/// <summary>
/// Finding: nothing limited /patient-report, where anyone types a letter's personal code and a birth date; codes
/// could be tried at the speed of the network. After 10 tries from one address in 15 minutes, the next is refused.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PatientCodeGuessingTests(AttackedPortal portal)
{
    [Fact]
    public async Task Guessing_codes_from_one_address_is_refused_after_ten_tries()
    {
        using var guesser = portal.NewAttacker();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var response = await guesser.PostFormAsync("/patient-report", new Dictionary<string, string>
            {
                ["Code"] = $"ABCD-EFGH-{i:0000}",
                ["BirthDate"] = "1956-03-14",
            });
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }
}
