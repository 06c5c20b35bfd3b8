using Hangfire;
using Hangfire.Storage;
using HapModular.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Host.Tests;

/// <summary>
/// Finding (issue 13): a letter job killed mid-run waited 30 minutes (Hangfire's default invisibility timeout) before
/// anyone retried it. A worker that fetched a job 10 minutes ago and never finished (its host was killed) must not
/// hide that job any longer: the next fetch gets it.
/// </summary>
public sealed class JobRetryTests(HapAppFactory factory) : IClassFixture<HapAppFactory>
{
    [Fact]
    public async Task A_job_whose_worker_died_ten_minutes_ago_is_fetched_again()
    {
        _ = factory.Server;
        var jobId = factory.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => Console.WriteLine("letter"));

        // What a killed worker leaves behind: the job fetched (invisible to others) and never finished or requeued.
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var fetched = new NpgsqlCommand("UPDATE hangfire.jobqueue SET fetchedat = now() - interval '10 minutes' WHERE jobid = $1", connection);
            fetched.Parameters.Add(new NpgsqlParameter { Value = long.Parse(jobId, System.Globalization.CultureInfo.InvariantCulture) });
            Assert.Equal(1, await fetched.ExecuteNonQueryAsync());
        }

        using var storage = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        // Only the failure path waits: a job still hidden makes the fetch block until this gives up.
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        IFetchedJob? job = null;
        try
        {
            job = storage.FetchNextJob(["default"], giveUp.Token);
            Assert.Equal(jobId, job.JobId);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("The job of a dead worker is still hidden 10 minutes later.");
        }
        finally
        {
            job?.RemoveFromQueue();
            job?.Dispose();
        }
    }
}
