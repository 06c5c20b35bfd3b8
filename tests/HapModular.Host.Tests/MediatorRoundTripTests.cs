using Autofac;
using HapModular.Modules.Audit.Contracts;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Host.Tests;

/// <summary>The module registration path end to end: a request to a module's handler through MediatR on Autofac,
/// stored in the module's own schema, and the notification it publishes reaching another handler.</summary>
public sealed class MediatorRoundTripTests(MediatorRoundTripTests.Factory factory) : IClassFixture<MediatorRoundTripTests.Factory>
{
    public sealed class Factory : HapAppFactory
    {
        public List<AuditRecorded> Seen { get; } = [];

        protected override void ConfigureTestContainer(ContainerBuilder builder) =>
            builder.RegisterInstance(new Recorder(Seen)).As<INotificationHandler<AuditRecorded>>();
    }

    [Fact]
    public async Task A_request_reaches_the_audit_module_and_its_notification_is_published()
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var first = await mediator.Send(new RecordAudit("sign-in", AuditOutcome.Allowed, Guid.NewGuid(), "Dr Test", "18334780004", "127.0.0.1"));
        var second = await mediator.Send(new RecordAudit("sign-in", AuditOutcome.Failed, null, null, null, "127.0.0.1", Reason: "bad-password"));

        Assert.Equal(first.Sequence + 1, second.Sequence);
        Assert.NotEqual(first.Hash, second.Hash);
        Assert.Contains(factory.Seen, n => n.Sequence == second.Sequence && n.Outcome == AuditOutcome.Failed);

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT prev_hash FROM audit.records WHERE seq = @s", connection);
        command.Parameters.AddWithValue("s", second.Sequence);
        Assert.Equal(first.Hash, (string?)await command.ExecuteScalarAsync());
    }

    private sealed class Recorder(List<AuditRecorded> seen) : INotificationHandler<AuditRecorded>
    {
        public Task Handle(AuditRecorded notification, CancellationToken cancellationToken)
        {
            lock (seen)
            {
                seen.Add(notification);
            }

            return Task.CompletedTask;
        }
    }
}
