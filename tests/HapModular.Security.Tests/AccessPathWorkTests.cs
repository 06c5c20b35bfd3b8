using System.Net;
using HapModular.Testing;
using Xunit.Abstractions;

namespace HapModular.Security.Tests;

/// <summary>
/// The production access path does each piece of work once (#15: the guard's path cost two reads of the whole account
/// document per request). Compared in database round trips, not in time: a signed-in physician's timeline reads the
/// session (account and ticket revocation, one batch), the access decision (one batch) and the page's rows.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AccessPathWorkTests(AttackedPortal portal, ITestOutputHelper output)
{
    [Fact]
    public async Task A_signed_in_physicians_timeline_takes_three_round_trips_and_reads_the_account_once()
    {
        using var physician = portal.NewAttacker();
        await physician.SignInAsync(DemoPerson.DrDupont);
        using var work = new RequestWork();
        var timeline = $"/patients/{portal.Demo.MarieDubois}";
        // The first view also fills what pages keep between requests (the patient banner); the steady state is measured.
        using (var first = await physician.GetAsync(timeline))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, timeline);
        var (response, commands) = await work.SendAsync(physician.Client, request);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        foreach (var command in commands)
        {
            output.WriteLine(command.ReplaceLineEndings(" "));
        }

        Assert.Equal(3, commands.Count);
        Assert.Single(commands, c => c.Contains("identity.mt_doc_account", StringComparison.Ordinal));
        Assert.Single(commands, c => c.Contains("consent.mt_doc_therapeuticlink", StringComparison.Ordinal));
        Assert.Single(commands, c => c.Contains("records.documents", StringComparison.Ordinal));
    }
}
