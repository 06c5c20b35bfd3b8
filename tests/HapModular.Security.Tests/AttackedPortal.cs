using HapModular.Testing;

namespace HapModular.Security.Tests;

/// <summary>
/// The portal as an attacker meets it: the real host on a real loopback port (Kestrel), a fresh real database, the
/// demo accounts (their TOTP secrets are public) and demo patients, consents and links, without the imported corpus.
/// Time is the factory's fake clock, so TOTP codes and lockouts are deterministic.
/// </summary>
public class AttackedPortal : HapAppFactory
{
    /// <summary>The public address configured for e-mailed links.</summary>
    public const string PublicBaseUrl = "https://portal.hap.test";

    /// <summary>The portal's base URL, e.g. http://127.0.0.1:40123.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Dr Dupont's user id, and the patients he is (Marie Dubois) and is not (Luc Dupont) linked to.</summary>
    public (Guid DrDupont, Guid MarieDubois, Guid LucDupont) Demo { get; private set; }

    /// <inheritdoc />
    /// <remarks>A reset link is mailed by a background job.</remarks>
    protected override bool RunJobs => true;

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Identity:PasswordIterations", "20000"), new("Hap:PublicBaseUrl", PublicBaseUrl), .. ExtraSettings];

    /// <summary>Settings a derived portal adds.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var port = FreePorts.Next();
        UseKestrel(port);
        StartServer();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        Demo = await DemoRecord.SeedPeopleAsync(Services);
    }

    /// <summary>A browser-like client: keeps its own cookies, does not follow redirects.</summary>
    public Attacker NewAttacker() => new(this);
}

/// <summary>One portal for the attack classes that share it (they run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<AttackedPortal>
{
    public const string Name = "attacked portal";
}
