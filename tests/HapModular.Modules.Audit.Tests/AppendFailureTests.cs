using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Audit.Verification;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Audit.Tests;

/// <summary>
/// The appender opens and commits its transaction with its own statements (BEGIN with the chain's lock and head in one
/// round trip, the rows and COMMIT in the next): an append PostgreSQL refuses must be refused to its caller and leave
/// neither an open transaction nor the chain's lock on the pooled connection — the next append goes on the chain.
/// </summary>
public sealed class AppendFailureTests(AppendFailureTests.Factory factory) : IClassFixture<AppendFailureTests.Factory>
{
    public sealed class Factory : HapAppFactory
    {
        protected override bool UseTestAuthentication => true;
    }

    [Fact]
    public async Task A_refused_append_fails_its_caller_and_the_next_one_continues_the_chain()
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var before = await mediator.Send(Read());

        // PostgreSQL text cannot hold U+0000: the INSERT fails inside the appender's transaction.
        await Assert.ThrowsAnyAsync<Exception>(() => mediator.Send(new RecordAudit("read", AuditOutcome.Allowed, Guid.NewGuid(), "Dr \0Lenoir", "18334780004", "127.0.0.1", Guid.NewGuid())));

        // Several more, so each pooled connection the failure could have spoilt is used again.
        var after = new List<AuditReceipt>();
        for (var i = 0; i < 5; i++)
        {
            after.Add(await mediator.Send(Read()));
        }

        Assert.Equal(before.Sequence + 1, after[0].Sequence);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => after[0].Sequence + i), after.Select(r => r.Sequence));
        Assert.True((await factory.Services.GetRequiredService<ChainVerifier>().VerifyAsync(default)).Intact);
    }

    [Fact]
    public async Task When_the_writers_connection_is_lost_no_access_is_recorded_twice_or_half_and_the_chain_goes_on()
    {
        // The appender keeps one connection open between batches. PostgreSQL restarted or an administrator ended its
        // backend: the append that finds it gone is either refused to its caller or written whole, and the next ones
        // open a new connection and continue the one chain.
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var before = await mediator.Send(Read());

        await TerminateAuditBackendsAsync();
        var lost = Guid.NewGuid();
        AuditReceipt? written = null;
        try
        {
            written = await mediator.Send(Read(lost));
        }
        catch (NpgsqlException)
        {
            // Refused: the caller's access is not served (fail closed).
        }

        var after = await mediator.Send(Read());
        Assert.Equal(before.Sequence + (written is null ? 1 : 2), after.Sequence);
        await using (var admin = new NpgsqlConnection(factory.ConnectionString))
        {
            await admin.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM audit.records WHERE patient_id = $1", admin) { Parameters = { new NpgsqlParameter<Guid> { TypedValue = lost } } };
            Assert.Equal(written is null ? 0L : 1L, (long)(await count.ExecuteScalarAsync())!);
        }

        Assert.True((await factory.Services.GetRequiredService<ChainVerifier>().VerifyAsync(default)).Intact);
    }

    [Fact]
    public async Task A_connection_lost_during_a_quiet_spell_costs_no_access()
    {
        // Nothing appended for a while (a night): the connection the appender kept was dropped meanwhile (database
        // restarted, a firewall's idle timeout). The next access is recorded, not refused.
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var before = await mediator.Send(Read());
        await TerminateAuditBackendsAsync();
        factory.Time.Advance(TimeSpan.FromMinutes(10));

        var after = await mediator.Send(Read());
        Assert.Equal(before.Sequence + 1, after.Sequence);
        Assert.True((await factory.Services.GetRequiredService<ChainVerifier>().VerifyAsync(default)).Intact);
    }

    // A physician's read of a patient's record (another patient unless given).
    private static RecordAudit Read(Guid? patient = null) => new("read", AuditOutcome.Allowed, Guid.NewGuid(), "Dr Lenoir", "18334780004", "127.0.0.1", patient ?? Guid.NewGuid());

    private async Task TerminateAuditBackendsAsync()
    {
        await using var admin = new NpgsqlConnection(factory.ConnectionString);
        await admin.OpenAsync();
        await using var end = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND usename LIKE '%audit' AND pid <> pg_backend_pid()", admin);
        Assert.True((long)(await end.ExecuteScalarAsync())! >= 1);
    }
}
