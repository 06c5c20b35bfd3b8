using System.Globalization;
using System.Linq.Expressions;
using Hangfire;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.AccessRequests.Submit;
using HapModular.Modules.Identity.PasswordReset.Request;
using HapModular.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Identity.Tests;

/// <summary>
/// The access-request and password-reset jobs left the pages' folders for their use cases' (new namespaces). Hangfire
/// stores a queued job by its type's name: a request queued by the previous release, under the former name, must still
/// be recorded after the upgrade — not fail as an unknown type.
/// </summary>
public sealed class FormerJobNameTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task An_access_request_queued_by_the_previous_release_is_recorded_after_the_upgrade()
    {
        _ = factory.Server;
        var pending = new PendingAccessRequest
        {
            Id = Guid.NewGuid(),
            Form = new AccessRequestForm { FirstName = "Jules", LastName = "Bordet", Inami = "10001391003", Email = $"upgrade{Guid.NewGuid():N}@example.be", AcceptTerms = true },
            Inami = "10001391003",
            Specialty = "general-practice",
            RequestedAt = DateTimeOffset.UtcNow,
        };
        await RunAsQueuedBeforeAsync<SubmitAccessRequestJob>(pending, job => job.RunAsync(pending.Id, CancellationToken.None), "HapModular.Modules.Identity.Pages.AccessRequest.SubmitAccessRequestJob, HapModular.Modules.Identity");

        using var read = factory.Services.CreateScope();
        await using var query = read.ServiceProvider.GetRequiredService<IIdentityStore>().QuerySession();
        var account = Assert.Single(await query.Query<Account>().Where(a => a.InamiIdentity == "10001391").ToListAsync());
        Assert.Equal(AccountStatus.Requested, account.Status);
        Assert.Equal(pending.Form.Email, account.Email);
    }

    [Fact]
    public async Task A_password_reset_queued_by_the_previous_release_still_runs_after_the_upgrade()
    {
        _ = factory.Server;
        var pending = new PendingPasswordReset { Id = Guid.NewGuid(), Email = $"nobody{Guid.NewGuid():N}@example.be", RequestedAt = DateTimeOffset.UtcNow };
        await RunAsQueuedBeforeAsync<RequestPasswordResetJob>(pending, job => job.RunAsync(pending.Id, CancellationToken.None), "HapModular.Modules.Identity.Pages.Account.ForgotPassword.RequestPasswordResetJob, HapModular.Modules.Identity");

        // The job ran to its end: it deletes the pending request last (an unknown address gets no e-mail).
        using var read = factory.Services.CreateScope();
        await using var query = read.ServiceProvider.GetRequiredService<IIdentityStore>().QuerySession();
        Assert.Null(await query.LoadAsync<PendingPasswordReset>(pending.Id));
    }

    /// <summary>
    /// Stores the job's pending document, then its job as the previous release stored it (the same payload under the
    /// former type name; held back until renamed), lets it run and waits for it.
    /// </summary>
    private async Task RunAsQueuedBeforeAsync<TJob>(object pending, Expression<Func<TJob, Task>> run, string former)
    {
        using (var scope = factory.Services.CreateScope())
        {
            await using var session = scope.ServiceProvider.GetRequiredService<IIdentityStore>().LightweightSession();
            session.StoreObjects([pending]);
            await session.SaveChangesAsync();
        }

        var jobs = factory.Services.GetRequiredService<IBackgroundJobClient>();
        var id = jobs.Schedule(run, TimeSpan.FromDays(1));
        Assert.Equal(1, await RenameAsync(id, typeof(TJob), former));
        Assert.True(jobs.Requeue(id));
        await factory.WaitUntilDoneAsync();
    }

    private async Task<int> RenameAsync(string jobId, Type current, string former)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var rename = new NpgsqlCommand("UPDATE hangfire.job SET invocationdata = jsonb_set(invocationdata, '{Type}', to_jsonb($2::text)) WHERE id = $1 AND invocationdata ->> 'Type' = $3", connection);
        rename.Parameters.Add(new NpgsqlParameter { Value = long.Parse(jobId, CultureInfo.InvariantCulture) });
        rename.Parameters.Add(new NpgsqlParameter { Value = former });
        rename.Parameters.Add(new NpgsqlParameter { Value = $"{current.FullName}, {current.Assembly.GetName().Name}" });
        return await rename.ExecuteNonQueryAsync();
    }
}
