using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using HapModular.Testing;
using OtpNet;

namespace HapModular.Modules.Identity.Tests;

/// <summary>
/// Walks request → approval → e-mail delivery (the host's job server) → enrolment → sign-in with every log message captured (Serilog writes
/// to the providers; this one is added through the factory), then looks for the secrets in them.
/// Runs alone: the host's Serilog set-up (<c>UseSerilog</c> without a preserved static logger) writes through the
/// static <c>Log.Logger</c>, i.e. the last host built in the process, so parallel hosts would steal its lines.
/// </summary>
[Collection(LogCaptureCollection.Name)]
public sealed partial class LogCaptureTests(LogCaptureTests.Factory factory) : IClassFixture<LogCaptureTests.Factory>
{
    public sealed class Factory : IdentityFactory
    {
        public CapturedLogs Logs { get; } = new();

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [.. base.Settings, new("Serilog:MinimumLevel:Default", "Debug")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(Logs.AddTo);
        }
    }

    [Fact]
    public async Task No_password_totp_secret_recovery_code_or_e_mail_body_reaches_the_logs()
    {
        const string password = "Secret-Phrase-Nobody-Logs-4711";
        var email = $"log{Guid.NewGuid():N}@example.be";
        using (var anonymous = factory.NewClient())
        {
            (await Forms.PostAsync(anonymous, "/access-request", AccessRequestTests.Fields("12345625004", email))).Dispose();
        }

        await factory.WaitUntilDoneAsync();

        using var admin = await factory.SignedInAdminAsync();
        var queue = await admin.GetStringAsync(new Uri("/admin/requests", UriKind.Relative));
        var id = RequestIdPattern().Match(queue).Groups[1].Value;
        (await Forms.PostAsync(admin, "/admin/requests", new Dictionary<string, string> { ["id"] = id }, "/admin/requests?handler=Approve")).Dispose();
        var mails = await Outbox.ForAsync(factory, email);
        var body = Assert.Single(mails).Body;
        var link = await Outbox.LinkForAsync(factory, email, "/account/enrol");

        using var physician = factory.NewClient();
        var page = await physician.GetStringAsync(new Uri(link, UriKind.Relative));
        var secret = SecretPattern().Match(page).Groups[1].Value;
        using var enrolled = await Forms.PostAsync(physician, link, new Dictionary<string, string>
        {
            ["Token"] = WebUtility.HtmlDecode(Field(page, "Token")),
            ["ProtectedSecret"] = WebUtility.HtmlDecode(Field(page, "ProtectedSecret")),
            ["Password"] = password,
            ["ConfirmPassword"] = password,
            ["Code"] = new OtpNet.Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(factory.Time.GetUtcNow().UtcDateTime),
        });
        var recoveryCodes = RecoveryCodePattern().Matches(await enrolled.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recoveryCodes.Count);
        using var again = factory.NewClient();
        (await Forms.SignInAsync(again, email, password, recoveryCodes[0])).Dispose();
        (await Forms.SignInAsync(again, email, "Wrong-" + password, "123456")).Dispose();

        var logs = string.Join('\n', factory.Logs.Lines);
        Assert.True(factory.Logs.Lines.Count > 20, $"the capture saw too little to prove anything: {factory.Logs.Lines.Count} lines\n{logs}");
        Assert.Contains("delivered", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(password, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenOf(link), logs, StringComparison.Ordinal);
        Assert.DoesNotContain(body.Split('\n')[2], logs, StringComparison.Ordinal);
        Assert.All(recoveryCodes, c => Assert.DoesNotContain(c, logs, StringComparison.Ordinal));
    }

    private static string Field(string html, string name) =>
        Regex.Match(html, $"id=\"{name}\" name=\"{name}\" value=\"([^\"]+)\"").Groups[1].Value;

    private static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    [GeneratedRegex("name=\"id\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex RequestIdPattern();

    [GeneratedRegex("data-secret=\"([A-Z2-7]+)\"")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("<code>([A-Z2-9]{5}-[A-Z2-9]{5})</code>")]
    private static partial Regex RecoveryCodePattern();
}

/// <summary>Not run in parallel with other hosts (see <see cref="LogCaptureTests"/>).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LogCaptureCollection
{
    public const string Name = "log-capture";
}
