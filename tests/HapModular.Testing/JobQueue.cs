using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Testing;

/// <summary>Waits for a host's background jobs (factories with <c>RunJobs</c>) instead of sleeping a guessed time.</summary>
public static class JobQueue
{
    /// <summary>
    /// Returns once no job of this host is enqueued or running — the jobs a test's requests queued, and the jobs those
    /// queued in turn, are done. A job that failed or waits for a retry throws with its reason (a retry would take
    /// minutes; the test should see the error, not time out).
    /// </summary>
    public static async Task WaitUntilDoneAsync(this HapAppFactory factory, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var monitoring = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        if (monitoring.Servers().Count == 0)
        {
            throw new InvalidOperationException("No job server runs for this host: its factory must set RunJobs.");
        }

        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var statistics = monitoring.GetStatistics();
            if (statistics.Failed > 0 || statistics.Scheduled > 0)
            {
                throw new InvalidOperationException("A background job failed: " + Reasons(monitoring));
            }

            if (statistics.Enqueued == 0 && statistics.Processing == 0)
            {
                return;
            }

            // Polls the job states (a state change is the event); the timeout only bounds a hung job.
            await Task.Delay(25, cancel.Token);
        }
    }

    private static string Reasons(IMonitoringApi monitoring) => string.Join(
        "; ",
        monitoring.ScheduledJobs(0, 5).Select(j => j.Key).Concat(monitoring.FailedJobs(0, 5).Select(j => j.Key))
            .Select(id => monitoring.JobDetails(id)?.History.FirstOrDefault()?.Reason ?? id));
}
