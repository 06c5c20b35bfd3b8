using Hangfire;
using Hangfire.States;
using HapModular.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Host.Tests;

/// <summary>
/// Finding (issue 15, a red CI run of the scale-out test): Hangfire's locks are rows that only their holder deletes. A
/// host killed while it held one (every job state change takes the job's lock; the schedulers take theirs) left it for
/// Hangfire.PostgreSql's default 10 minutes, so the surviving host could not move that letter job, nor run recurring
/// and retried jobs. A lock left by a host dead for two minutes must be taken over.
/// </summary>
public sealed class DeadHostLockTests(HapAppFactory factory) : IClassFixture<HapAppFactory>
{
    [Fact]
    public async Task A_job_whose_state_lock_a_killed_host_left_two_minutes_ago_can_change_state_again()
    {
        _ = factory.Server;
        var client = factory.Services.GetRequiredService<IBackgroundJobClient>();
        // Scheduled far ahead: no worker of this test host touches it meanwhile.
        var jobId = client.Schedule(() => Console.WriteLine("letter"), TimeSpan.FromDays(1));

        // What the killed host left: the job's state lock, taken two minutes ago and never released.
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var stale = new NpgsqlCommand("INSERT INTO hangfire.lock (resource, acquired) VALUES ($1, now() - interval '2 minutes')", connection);
            // Hangfire.PostgreSql prefixes every lock resource with "hangfire:".
            stale.Parameters.Add(new NpgsqlParameter { Value = $"hangfire:job:{jobId}:state-lock" });
            Assert.Equal(1, await stale.ExecuteNonQueryAsync());
        }

        // The surviving host moves the job on (here: enqueues it now). Only the failure path waits for the bound.
        var moved = Task.Run(() => client.ChangeState(jobId, new EnqueuedState(), ScheduledState.StateName));
        var changed = await moved.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(
            t => t.IsCompletedSuccessfully ? t.Result : throw new Xunit.Sdk.XunitException("the job's state lock left by a dead host still blocks it"),
            TaskScheduler.Default);
        Assert.True(changed);
        using var storage = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Equal(EnqueuedState.StateName, storage.GetStateData(jobId).Name);
    }
}
