using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Audit.Verification;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

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
        var before = await mediator.Send(new RecordAudit("read", AuditOutcome.Allowed, Guid.NewGuid(), "Dr Lenoir", "18334780004", "127.0.0.1", Guid.NewGuid()));

        // PostgreSQL text cannot hold U+0000: the INSERT fails inside the appender's transaction.
        await Assert.ThrowsAnyAsync<Exception>(() => mediator.Send(new RecordAudit("read", AuditOutcome.Allowed, Guid.NewGuid(), "Dr \0Lenoir", "18334780004", "127.0.0.1", Guid.NewGuid())));

        // Several more, so each pooled connection the failure could have spoilt is used again.
        var after = new List<AuditReceipt>();
        for (var i = 0; i < 5; i++)
        {
            after.Add(await mediator.Send(new RecordAudit("read", AuditOutcome.Allowed, Guid.NewGuid(), "Dr Lenoir", "18334780004", "127.0.0.1", Guid.NewGuid())));
        }

        Assert.Equal(before.Sequence + 1, after[0].Sequence);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => after[0].Sequence + i), after.Select(r => r.Sequence));
        Assert.True((await factory.Services.GetRequiredService<ChainVerifier>().VerifyAsync(default)).Intact);
    }
}
