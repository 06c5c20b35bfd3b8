using System.Net;

namespace HapModular.Security.Tests;

/// <summary>
/// Findings: a cookie saved before sign-out still opened patient pages; the first-factor cookie opened a new session
/// with only a TOTP code for five minutes after a successful sign-in.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SessionTests(AttackedPortal portal)
{
    [Fact]
    public async Task A_cookie_saved_before_sign_out_no_longer_opens_the_record()
    {
        using var physician = portal.NewAttacker();
        await physician.SignInAsync(DemoPerson.DrDupont);
        var timeline = $"/patients/{portal.Demo.MarieDubois}";
        using (var before = await physician.GetAsync(timeline))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var saved = physician.Cookies.ToList();
        (await physician.PostFormAsync("/account/sign-out", new Dictionary<string, string>())).Dispose();

        using var thief = portal.NewAttacker();
        thief.Replay(saved);
        using var after = await thief.GetAsync(timeline);
        Assert.NotEqual(HttpStatusCode.OK, after.StatusCode);
        Assert.False(await thief.IsSignedInAsync());
    }

    [Fact]
    public async Task The_first_factor_cookie_opens_one_session_only()
    {
        using var physician = portal.NewAttacker();
        using (var password = await physician.PasswordStepAsync(DemoPerson.DrDupont))
        {
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        }

        var firstFactor = physician.Cookies.Where(c => c.Name == "hap.2fa").ToList();
        Assert.Single(firstFactor);
        using (var code = await physician.CodeStepAsync(DemoPerson.DrDupont))
        {
            Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        }

        // Someone who copied the first-factor cookie (a shared PC, a proxy log) and later sees a code on the phone.
        using var thief = portal.NewAttacker();
        thief.Replay(firstFactor);
        (await thief.CodeStepAsync(DemoPerson.DrDupont)).Dispose();
        Assert.DoesNotContain(thief.Cookies, c => c.Name == "hap.session");
        Assert.False(await thief.IsSignedInAsync());
    }
}
