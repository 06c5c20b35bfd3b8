using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Audit.Verification;
using HapModular.SharedKernel;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Audit.Tests;

public sealed class ChainVerificationTests(ChainVerificationTests.Factory factory) : IClassFixture<ChainVerificationTests.Factory>
{
    public sealed class Factory : HapAppFactory
    {
        protected override bool UseTestAuthentication => true;
    }

    [Fact]
    public async Task One_changed_byte_in_a_stored_record_is_reported_as_the_first_broken_link()
    {
        _ = factory.Server;
        var verifier = factory.Services.GetRequiredService<ChainVerifier>();
        var receipts = new List<AuditReceipt>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            for (var i = 0; i < 5; i++)
            {
                receipts.Add(await mediator.Send(new RecordAudit("read", AuditOutcome.Allowed, Guid.NewGuid(), "Dr Lenoir", "18334780004", "127.0.0.1", Guid.NewGuid(), DocumentTitle: "Echo cardiaque", Purpose: "TREAT")));
            }
        }

        Assert.True((await verifier.VerifyAsync(default)).Intact);

        var target = receipts[2].Sequence;
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            // The table refuses UPDATE; its owner can still switch the trigger off, which is what the chain is for.
            await using var tamper = new NpgsqlCommand(
                """
                ALTER TABLE audit.records DISABLE TRIGGER records_append_only;
                UPDATE audit.records SET document_title = 'Echo cardiaquE' WHERE seq = @s;
                ALTER TABLE audit.records ENABLE TRIGGER records_append_only;
                """,
                connection);
            tamper.Parameters.AddWithValue("s", target);
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var result = await verifier.VerifyAsync(default);
        Assert.False(result.Intact);
        Assert.Equal(target, result.FirstBrokenSequence);

        var dpo = factory.CreateClient().As(new TestUser(Guid.NewGuid(), [Roles.Dpo], null, "DPO"));
        var json = await dpo.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.False(json.GetProperty("intact").GetBoolean());
        Assert.Equal(target, json.GetProperty("firstBrokenSequence").GetInt64());

        var physician = factory.CreateClient().As(new TestUser(Guid.NewGuid(), [Roles.Physician], "18334780004", "Dr X"));
        Assert.Equal(HttpStatusCode.Forbidden, (await physician.GetAsync("/api/audit/verify")).StatusCode);
    }
}
