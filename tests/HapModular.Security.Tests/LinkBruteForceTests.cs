using System.Globalization;
using System.Net;
using HapModular.Testing;

namespace HapModular.Security.Tests;

/// <summary>
/// Finding: the birth date can be read off the NISS, so the surname is the only secret of a link declaration; 64
/// wrong surnames then the right one created a link, with no throttle and no audit of the failures. Here a physician
/// with no link to Luc Dupont (consent given) guesses his surname with a valid on-screen signature as the proof.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class LinkBruteForceTests(AttackedPortal portal)
{
    private static readonly DateOnly LucBirth = new(1972, 1, 9);

    [Fact]
    public async Task Guessing_the_surname_stops_after_five_failures_even_with_the_right_one_and_every_attempt_is_audited()
    {
        using var attacker = portal.NewAttacker();
        await attacker.SignInAsync(DemoPerson.DrLambert);
        var niss = NissOf(LucBirth, 51);

        foreach (var guess in new[] { "Dubois", "Durand", "Dupond", "Dumont", "Duval" })
        {
            using var wrong = await DeclareAsync(attacker, niss, guess);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var right = await DeclareAsync(attacker, niss, "Dupont");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Trop de tentatives", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var timeline = await attacker.GetAsync($"/patients/{portal.Demo.LucDupont}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, timeline.StatusCode);
        }

        var audited = await Database.QueryAsync(
            portal,
            "SELECT outcome, reason FROM audit.records WHERE action LIKE 'identity-check%' AND patient_id = $1 ORDER BY seq",
            r => (Outcome: r.GetString(0), Reason: r.IsDBNull(1) ? string.Empty : r.GetString(1)),
            portal.Demo.LucDupont);
        Assert.Equal(5, audited.Count(a => a.Outcome == "Failed"));
        Assert.Contains(audited, a => a.Outcome == "Denied" && a.Reason.EndsWith("throttled", StringComparison.Ordinal));
        Assert.Contains(audited, a => a.Reason.Contains("failed identity checks by this physician", StringComparison.Ordinal));
        Assert.DoesNotContain(audited, a => a.Reason.Contains(niss, StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> DeclareAsync(Attacker attacker, string niss, string lastName) =>
        attacker.PostFormAsync("/links/declare", new Dictionary<string, string>
        {
            ["Niss"] = niss,
            ["LastName"] = lastName,
            ["BirthDate"] = LucBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["LinkType"] = "consultation",
            ["ProofMode"] = "signature",
            ["Signature"] = "data:image/png;base64," + Convert.ToBase64String(ConsentProofs.Signature()),
        });

    private static string NissOf(DateOnly birth, int sequence)
    {
        var body = birth.ToString("yyMMdd", CultureInfo.InvariantCulture) + sequence.ToString("000", CultureInfo.InvariantCulture);
        return body + (97 - long.Parse(body, CultureInfo.InvariantCulture) % 97).ToString("00", CultureInfo.InvariantCulture);
    }
}
