using System.Diagnostics.Metrics;
using System.Text;
using Hangfire;
using Hangfire.Server;
using HapModular.Modules.Shared.Telemetry;

namespace HapModular.Host.Jobs;

/// <summary>
/// Hangfire for the operations team (issue 15), on the portal's meter: each job a worker of this host performed
/// (<c>hap.jobs.performed</c> by job type and outcome, <c>hap.jobs.duration</c>) and, read from the job storage at each
/// scrape, how many jobs wait, run, are scheduled for a retry or failed (<c>hap.jobs</c> by state). The storage is the
/// one PostgreSQL of every host: each host reports the same counts, labelled by Prometheus' own instance label.
/// Labels are the job's class in kebab case (<c>letter-job</c>) — code, never an argument (a patient id, a letter).
/// </summary>
internal sealed class JobMetrics : IServerFilter
{
    private const string Started = "hap.jobs.started";
    private readonly Counter<long> performed;
    private readonly Histogram<double> duration;
    private readonly TimeProvider time;

    public JobMetrics(IMeterFactory meters, JobStorage storage, TimeProvider time)
    {
        this.time = time;
        var meter = meters.Create(HapMetrics.MeterName);
        performed = meter.CreateCounter<long>("hap.jobs.performed", "{job}", "Background jobs performed by this host's workers, by job type and outcome (succeeded, failed).");
        duration = meter.CreateHistogram<double>("hap.jobs.duration", "s", "Time a background job took on this host's worker, by job type.");
        meter.CreateObservableGauge("hap.jobs", () => Counts(storage), "{job}", "Background jobs in the shared job storage by state (enqueued, processing, scheduled, failed).");
    }

    public void OnPerforming(PerformingContext context) => context.Items[Started] = time.GetTimestamp();

    public void OnPerformed(PerformedContext context)
    {
        var job = new KeyValuePair<string, object?>("job", HapMetrics.Code(Kebab(context.BackgroundJob.Job.Type.Name)));
        var failed = context.Exception is not null && !context.ExceptionHandled;
        performed.Add(1, job, new("outcome", failed ? "failed" : "succeeded"));
        if (context.Items.TryGetValue(Started, out var started) && started is long start)
        {
            duration.Record(time.GetElapsedTime(start).TotalSeconds, job);
        }
    }

    /// <summary><c>LetterJob</c> → <c>letter-job</c>: a label value <see cref="HapMetrics.Code"/> accepts.</summary>
    internal static string Kebab(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    private static IEnumerable<Measurement<long>> Counts(JobStorage storage)
    {
        Hangfire.Storage.Monitoring.StatisticsDto statistics;
        try
        {
            statistics = storage.GetMonitoringApi().GetStatistics();
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // An unreachable database shows as missing samples (and /health/ready says why), not as a failed scrape.
            return [];
        }

        return
        [
            new(statistics.Enqueued, new KeyValuePair<string, object?>("state", "enqueued")),
            new(statistics.Processing, new KeyValuePair<string, object?>("state", "processing")),
            new(statistics.Scheduled, new KeyValuePair<string, object?>("state", "scheduled")),
            new(statistics.Failed, new KeyValuePair<string, object?>("state", "failed")),
        ];
    }
}
