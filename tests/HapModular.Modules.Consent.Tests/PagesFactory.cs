using Microsoft.AspNetCore.Hosting;
using HapModular.Testing;

namespace HapModular.Modules.Consent.Tests;

/// <summary>
/// The host with header authentication for the page tests; patients come from the real Records module. Every log line
/// the host writes is kept in <see cref="Logs"/> so a test can prove no NISS reaches the logs.
/// </summary>
public sealed class PagesFactory : ConsentFactory
{
    public CapturedLogs Logs { get; } = new();

    protected override bool UseTestAuthentication => true;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Consent:Proof:MaxBytes", "200000"), new("Serilog:MinimumLevel:Default", "Debug")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(Logs.AddTo);
    }
}
