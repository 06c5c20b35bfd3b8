using System.Collections.Concurrent;
using Autofac;
using HapModular.Modules.Consent.Contracts;
using HapModular.Testing;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Benchmarks;

/// <summary>
/// The real host on Kestrel (127.0.0.1) over a fresh database and a bare comparison endpoint <c>/bench/bare</c> doing
/// one indexed read on the same table. By default the path a physician's request takes: the session cookie of a real
/// sign-in (password + TOTP), Identity's session check, Consent's CheckAccess, the guard, the audit and the page.
/// <c>--scripted</c> swaps both for stand-ins (header sign-in, a scripted decision) to see what they cost.
/// </summary>
internal sealed class BenchHost : HapAppFactory
{
    private readonly bool scripted;

    public BenchHost(bool scripted) => this.scripted = scripted;

    /// <summary>A second host of the same portal (<c>--hosts N</c>): the first one's database and data folder.</summary>
    public BenchHost(BenchHost first)
        : base(first)
    {
        scripted = first.scripted;
        Linked = first.Linked;
    }

    public ConcurrentDictionary<Guid, bool> Linked { get; } = new();

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The floor's stand-in for the audit table (--floor): the same kind of row, indexed by its sequence.</summary>
    public async Task CreateFloorAuditAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            CREATE TABLE IF NOT EXISTS public.floor_audit (seq bigint PRIMARY KEY, at timestamptz NOT NULL, action text NOT NULL, actor_user_id uuid,
                actor_name text, patient_id uuid, prev_hash text NOT NULL, hash text NOT NULL)
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override bool UseTestAuthentication => scripted;

    protected override bool UseFakeTime => false;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Serilog:MinimumLevel:Default", "Warning")];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var port = FreePorts.Next();
        UseKestrel(port);
        StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // A console program has no test-assembly manifest for WebApplicationFactory to find the host's folder.
        builder.UseContentRoot(Path.Combine(Corpus.RepoRoot, "src", "Host", "HapModular.Host"));
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new BareEndpoint(ConnectionString)));
    }

    protected override void ConfigureTestContainer(ContainerBuilder builder)
    {
        if (scripted)
        {
            builder.RegisterInstance(new ScriptedAccess(Linked)).As<IRequestHandler<CheckAccess, AccessDecision>>();
        }
    }

    private sealed class ScriptedAccess(ConcurrentDictionary<Guid, bool> linked) : IRequestHandler<CheckAccess, AccessDecision>
    {
        public Task<AccessDecision> Handle(CheckAccess request, CancellationToken cancellationToken) => Task.FromResult(
            linked.ContainsKey(request.UserId)
                ? new AccessDecision(true, "link", "TREAT", Guid.NewGuid(), "consultation", DateTimeOffset.UtcNow.AddMonths(15), false)
                : new AccessDecision(false, "no-link", null, null, null, null, true));
    }

    /// <summary>One indexed read, no guard, no audit, no page: the floor the timeline is compared with.</summary>
    private sealed class BareEndpoint(string connectionString) : IStartupFilter
    {
        // Prepared like the modules' own per-request statements, so the floor is as fast as it can be.
        private readonly NpgsqlDataSource dataSource = HapModular.Modules.Shared.PreparedDataSource.Create(connectionString);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/bench/bare", bare => bare.Run(async http =>
            {
                var patient = Guid.Parse(http.Request.Query["p"].ToString());
                await using var command = dataSource.CreateCommand("SELECT id, title FROM records.documents WHERE patient_id = @p ORDER BY clinical_date DESC, id DESC LIMIT 1");
                command.Parameters.AddWithValue("p", patient);
                await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
                var title = await reader.ReadAsync(http.RequestAborted) ? reader.GetString(1) : string.Empty;
                http.Response.ContentType = "text/plain";
                await http.Response.WriteAsync(title, http.RequestAborted);
            }));
            FloorEndpoint.Map(app, dataSource);
            next(app);
        };
    }
}
