using HapModular.Modules.Shared;
using HapModular.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;

namespace HapModular.EndToEnd;

/// <summary>
/// The real two-factor sign-in for browser tests: e-mail + password, then a TOTP code computed here (RFC 6238),
/// as a physician's phone would. Demo accounts are those <c>build/run.sh --demo</c> prints.
/// </summary>
public static class SignIn
{
    /// <summary>The password of every demo account.</summary>
    public const string DemoPassword = "Hap-Demo-Portal-2026";

    /// <summary>Demo physician Dr Jean Dupont, INAMI 18334780004.</summary>
    public static readonly DemoUser Dupont = new("dr.dupont@demo.hapmodular.be", DemoPassword, "VT7IS4U7VFXVQE57VUMMSHMKISU2AMPK", "18334780004");

    /// <summary>Demo physician Dr An Peeters, INAMI 10000106003.</summary>
    public static readonly DemoUser Peeters = new("dr.peeters@demo.hapmodular.be", DemoPassword, "DTZWVWZD5YB2I6O5ACH5XK3AJU7Y3RP2", "10000106003");

    /// <summary>Demo physician Dr Claire Lambert, INAMI 12345625004.</summary>
    public static readonly DemoUser Lambert = new("dr.lambert@demo.hapmodular.be", DemoPassword, "KNY35JNDK6WZUKJ53VWNQH7OZR3Q3GZ4", "12345625004");

    /// <summary>Demo administrator.</summary>
    public static readonly DemoUser Admin = new("admin@demo.hapmodular.be", DemoPassword, "IFV73DIFNYW3QBT4FAIANH7DFSIEC2P3");

    /// <summary>Demo patient-desk agent.</summary>
    public static readonly DemoUser Desk = new("desk@demo.hapmodular.be", DemoPassword, "PRZCQIUFKXDNBJME5GD7ALI7QV2NA3ND");

    /// <summary>Demo data protection officer.</summary>
    public static readonly DemoUser Dpo = new("dpo@demo.hapmodular.be", DemoPassword, "Z4OEVQC7FK74JHCV2N3VEFAKAOOPQF3T");

    private static readonly HashSet<object> Seeded = [];
    private static readonly SemaphoreSlim SeedGate = new(1, 1);

    /// <summary>
    /// Runs the demo seeders of the portal once (all of them, or only those up to <paramref name="maxOrder"/>:
    /// 100 = Identity's accounts only). The host does this itself only when started with <c>--demo</c>.
    /// </summary>
    public static async Task SeedDemoAsync(HapAppFactory portal, int maxOrder = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(portal);
        await SeedGate.WaitAsync();
        try
        {
            if (!Seeded.Add((portal, maxOrder)))
            {
                return;
            }

            await using var scope = portal.Services.CreateAsyncScope();
            foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().Where(s => s.Order <= maxOrder).OrderBy(s => s.Order))
            {
                await seeder.SeedAsync(scope.ServiceProvider, CancellationToken.None);
            }
        }
        finally
        {
            SeedGate.Release();
        }
    }

    /// <summary>Signs a demo user in (seed the accounts first with <see cref="SeedDemoAsync"/>).</summary>
    public static Task SignInAsync(IPage page, DemoUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return SignInAsync(page, user.Email, user.Password, user.TotpSecret);
    }

    /// <summary>
    /// Signs in through <c>/account/sign-in</c> and <c>/account/sign-in/code</c>; ends on the page the portal
    /// opens after sign-in. A TOTP code is accepted once, so when this account already used the current code
    /// (two sign-ins within 30 s), the next step's code is tried, then the next time step is awaited.
    /// </summary>
    public static async Task SignInAsync(IPage page, string email, string password, string totpSecret)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", password);
        await SubmitAsync(page, "#sign-in button[type=submit]");
        if (!page.Url.Contains("/account/sign-in/code", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Password step refused for {email}: {await page.InnerTextAsync("main")}");
        }

        var totp = new Totp(Base32Encoding.ToBytes(totpSecret));
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var now = DateTime.UtcNow;
            var code = attempt % 2 == 0 ? totp.ComputeTotp(now) : totp.ComputeTotp(now.AddSeconds(30));
            await page.FillAsync("#Code", code);
            await SubmitAsync(page, "#sign-in-code button[type=submit]");
            if (!page.Url.Contains("/account/sign-in", StringComparison.Ordinal))
            {
                return;
            }

            if (attempt == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(totp.RemainingSeconds() + 1));
            }
        }

        throw new InvalidOperationException($"Code step refused for {email}: {await page.InnerTextAsync("main")}");
    }

    /// <summary>Signs out with the button of the navigation bar (a POST with its anti-forgery token).</summary>
    public static async Task SignOutAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await SubmitAsync(page, "form[action='/account/sign-out'] button");
    }

    /// <summary>Clicks a submit button and waits until the resulting document has loaded.</summary>
    public static async Task SubmitAsync(IPage page, string selector)
    {
        ArgumentNullException.ThrowIfNull(page);
        // WaitForURL, Playwright's suggested replacement, cannot see a failed POST that renders the same URL again.
#pragma warning disable CS0612
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync(selector));
#pragma warning restore CS0612
    }
}

/// <summary>A demo account of the portal.</summary>
/// <param name="Email">Sign-in e-mail.</param>
/// <param name="Password">Password.</param>
/// <param name="TotpSecret">Base32 TOTP secret.</param>
/// <param name="Inami">INAMI digits, for physicians.</param>
public sealed record DemoUser(string Email, string Password, string TotpSecret, string? Inami = null);
