using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Audit.Verification;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Audit.Tests;

/// <summary>
/// A host appends in one round trip when it wrote the chain's head last, each row inserted only if the database's head
/// is still the record it links to. Two hosts appending in turn make each one's remembered head wrong every other time:
/// the chain must stay one gapless, verifiable chain, and no append may be lost or doubled.
/// </summary>
public sealed class ChainAcrossHostsTests(ChainAcrossHostsTests.Factory factory) : IClassFixture<ChainAcrossHostsTests.Factory>
{
    public sealed class Factory : HapAppFactory
    {
        protected override bool UseTestAuthentication => true;
    }

    private sealed class SecondHost(HapAppFactory first) : HapAppFactory(first)
    {
        protected override bool UseTestAuthentication => true;
    }

    [Fact]
    public async Task Two_hosts_appending_in_turn_keep_one_gapless_chain()
    {
        _ = factory.Server;
        await using var second = new SecondHost(factory);
        await second.InitializeAsync();
        _ = second.Server;
        var receipts = new List<AuditReceipt>();
        // A, B, A, A, B, B, A, B, …: each host finds the other's rows after its own, alone and in runs.
        var order = new[] { 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1 };
        foreach (var host in order)
        {
            var services = host == 0 ? factory.Services : second.Services;
            await using var scope = services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            receipts.Add(await mediator.Send(new RecordAudit("read", AuditOutcome.Allowed, Guid.NewGuid(), "Dr Lenoir", "18334780004", "127.0.0.1", Guid.NewGuid())));
        }

        Assert.Equal(Enumerable.Range(0, order.Length).Select(i => receipts[0].Sequence + i), receipts.Select(r => r.Sequence));
        Assert.True((await factory.Services.GetRequiredService<ChainVerifier>().VerifyAsync(default)).Intact);
    }
}
