using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Hangfire;
using HapModular.Modules.Records.Contracts;
using HapModular.SharedKernel;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Host.Tests;

/// <summary>
/// Issue 15 (operations): the Prometheus endpoint counts what really happened — guard decisions by outcome and reason,
/// audit appends, viewer renders, ingested documents — opens to the operations team's scrape token and to
/// administrators only, and no label names a patient.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed partial class MetricsTests
{
    private const string ScrapeToken = "scrape-token-for-the-ops-prometheus-0123456789";

    // Marie Dubois, a demo patient (synthetic NISS, valid check digits).
    private const string MarieNiss = "56031400296";

    [Fact]
    public async Task A_scrape_counts_real_decisions_renders_and_ingestions_opens_to_the_token_and_admins_only_and_names_no_patient()
    {
        await using var factory = new Factory();
        await factory.InitializeAsync();
        _ = factory.Server;
        var (dupont, marie, luc) = await DemoRecord.SeedPeopleAsync(factory.Services);
        using var scraper = factory.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken);
        var start = await ScrapeAsync(scraper);

        // Two documents from one source system.
        var mediator = factory.Services.GetRequiredService<IMediator>();
        var marieAsSent = new InboundPatient(MarieNiss, null, "Dubois", "Marie", new DateOnly(1956, 3, 14));
        var filed = await mediator.Send(new FileInboundDocument("metrics-pacs", "doc-1", marieAsSent, await File.ReadAllBytesAsync(Corpus.File("documents/pdf/discharge_summary_sample.pdf")), new InboundDetails("summary.pdf")));
        await mediator.Send(new FileInboundDocument("metrics-pacs", "doc-2", marieAsSent, await File.ReadAllBytesAsync(Corpus.File("documents/pdf/ecg_12lead_report_3x4.pdf")), new InboundDetails("ecg.pdf")));
        var document = filed.DocumentId ?? throw new InvalidOperationException("not filed: " + filed.Reason);
        var ingested = await ScrapeAsync(scraper);
        Assert.Equal(2, Delta(start, ingested, "hap_documents_ingested_total", ("source", "metrics-pacs"), ("outcome", "created")));

        // 3 allowed downloads, 2 refused (no link to Luc Dupont): exactly those decisions and 5 audit appends.
        using var physician = factory.CreateClient(new() { AllowAutoRedirect = false }).As(new TestUser(dupont, [Roles.Physician], "18334780004", "Dr Dupont"));
        for (var i = 0; i < 3; i++)
        {
            using var ok = await physician.GetAsync(new Uri($"/patients/{marie}/documents/{document}/download", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        for (var i = 0; i < 2; i++)
        {
            using var refused = await physician.GetAsync(new Uri($"/patients/{luc}/documents/{document}/download", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        var decided = await ScrapeAsync(scraper);
        Assert.Equal(3, Delta(ingested, decided, "hap_guard_decisions_total", ("outcome", "allowed")));
        Assert.Equal(2, Delta(ingested, decided, "hap_guard_decisions_total", ("outcome", "refused")));
        Assert.Equal(2, Delta(ingested, decided, "hap_guard_decisions_total", ("outcome", "refused"), ("reason", "no-link")));
        Assert.Equal(5, Delta(ingested, decided, "hap_audit_append_duration_seconds_count"));

        // One render of the PDF view: the PDF viewer's histogram moves by one.
        using (var view = await physician.GetAsync(new Uri($"/patients/{marie}/documents/{document}/render/view", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        }

        var rendered = await ScrapeAsync(scraper);
        Assert.Equal(1, Delta(decided, rendered, "hap_viewer_render_duration_seconds_count", ("viewer", "text.pdf")));
        Assert.Contains(rendered.Keys, k => k.StartsWith("http_server_request_duration_seconds_count", StringComparison.Ordinal));
        Assert.Contains(rendered.Keys, k => k.StartsWith("db_client_operation_duration_seconds_count", StringComparison.Ordinal) || k.StartsWith("db_client_commands", StringComparison.Ordinal));

        // The document damaged in the store (one byte): its download is refused and counted, by problem, once.
        var store = (HapModular.Modules.Shared.Storage.FileSystemBlobStore)factory.Services.GetRequiredService<HapModular.Modules.Shared.Storage.IBlobStore>();
        var pdf = await File.ReadAllBytesAsync(Corpus.File("documents/pdf/discharge_summary_sample.pdf"));
        var damaged = pdf.ToArray();
        damaged[^3] ^= 0x20;
        await File.WriteAllBytesAsync(store.PathOf(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf))), damaged);
        using (var refusedDownload = await physician.GetAsync(new Uri($"/patients/{marie}/documents/{document}/download", UriKind.Relative)))
        {
            Assert.NotEqual(HttpStatusCode.OK, refusedDownload.StatusCode);
            Assert.NotEqual(damaged, await refusedDownload.Content.ReadAsByteArrayAsync());
        }

        var unreadable = await ScrapeAsync(scraper);
        Assert.Equal(1, Delta(rendered, unreadable, "hap_content_unreadable_total", ("problem", "damaged")));
        Assert.Equal(0, Delta(rendered, unreadable, "hap_content_unreadable_total", ("problem", "missing")));

        // Refused: anonymous, a physician, a wrong token; opened: an administrator's session.
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await physician.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        using var guesser = factory.CreateClient(new() { AllowAutoRedirect = false });
        guesser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken + "x");
        Assert.NotEqual(HttpStatusCode.OK, (await guesser.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        using var admin = factory.CreateClient(new() { AllowAutoRedirect = false }).As(new TestUser(Guid.NewGuid(), [Roles.Admin]));
        using var adminScrape = await admin.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, adminScrape.StatusCode);

        // No label value names a patient, a user or a document (ids, NISS, INAMI).
        var text = await adminScrape.Content.ReadAsStringAsync();
        var values = LabelValue().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(values);
        foreach (var secret in new[] { marie.ToString(), luc.ToString(), dupont.ToString(), document.ToString(), MarieNiss, "56.03.14", "18334780004" })
        {
            Assert.DoesNotContain(values, v => v.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_scrape_counts_the_background_jobs_this_host_performed_and_those_that_failed_by_job_type()
    {
        await using var factory = new JobsFactory();
        await factory.InitializeAsync();
        _ = factory.Server;
        using var scraper = factory.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken);
        var start = await ScrapeAsync(scraper);

        var jobs = factory.Services.GetRequiredService<IBackgroundJobClient>();
        jobs.Enqueue<MetricsProbeJob>(j => j.Succeed());
        jobs.Enqueue<MetricsProbeJob>(j => j.Succeed());
        jobs.Enqueue<MetricsProbeJob>(j => j.Fail());

        // The scrape is the event: poll it until the three jobs are counted and the failed one has reached its state in
        // the storage (Hangfire records the state after the worker's filter has seen the outcome); the timeout only bounds
        // a hung worker.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var now = start;
        while (Delta(start, now, "hap_jobs_performed_total", ("job", "metrics-probe-job")) < 3 || Delta(start, now, "hap_jobs", ("state", "failed")) < 1)
        {
            await Task.Delay(50, cancel.Token);
            now = await ScrapeAsync(scraper);
        }

        Assert.Equal(2, Delta(start, now, "hap_jobs_performed_total", ("job", "metrics-probe-job"), ("outcome", "succeeded")));
        Assert.Equal(1, Delta(start, now, "hap_jobs_performed_total", ("job", "metrics-probe-job"), ("outcome", "failed")));
        Assert.Equal(3, Delta(start, now, "hap_jobs_duration_seconds_count", ("job", "metrics-probe-job")));
        // The storage's own count: the failed job waits there for an administrator (no automatic retry on the probe).
        Assert.Equal(1, Delta(start, now, "hap_jobs", ("state", "failed")));
    }

    private static async Task<Dictionary<string, double>> ScrapeAsync(HttpClient scraper)
    {
        using var response = await scraper.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var samples = new Dictionary<string, double>();
        foreach (Match m in Sample().Matches(await response.Content.ReadAsStringAsync()))
        {
            samples[m.Groups[1].Value] = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        }

        return samples;
    }

    // The sum over every series of the metric whose labels include all the given ones, after minus before.
    private static double Delta(Dictionary<string, double> before, Dictionary<string, double> after, string metric, params (string Name, string Value)[] labels)
    {
        double Sum(Dictionary<string, double> samples) => samples
            .Where(s => (s.Key == metric || s.Key.StartsWith(metric + "{", StringComparison.Ordinal)) && labels.All(l => s.Key.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Sum(s => s.Value);
        return Sum(after) - Sum(before);
    }

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) ([0-9.eE+-]+|NaN|\+Inf)(?: \d+)?$", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [GeneratedRegex("=\"([^\"]*)\"")]
    private static partial Regex LabelValue();

    private sealed class Factory : HapAppFactory
    {
        protected override bool UseTestAuthentication => true;

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Hap:Metrics:ScrapeToken", ScrapeToken)];
    }

    private sealed class JobsFactory : HapAppFactory
    {
        protected override bool RunJobs => true;

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Hap:Metrics:ScrapeToken", ScrapeToken)];
    }
}

/// <summary>A background job of the metrics test: one that succeeds, one that fails once and for all.</summary>
public sealed class MetricsProbeJob
{
    /// <summary>Does nothing, successfully.</summary>
    public void Succeed()
    {
    }

    /// <summary>Fails without an automatic retry.</summary>
    [AutomaticRetry(Attempts = 0)]
    public void Fail() => throw new InvalidOperationException("The metrics probe fails on purpose.");
}

/// <summary>
/// Metrics are read by meter name across the process: no other host of this test assembly may count meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "metrics";
}
