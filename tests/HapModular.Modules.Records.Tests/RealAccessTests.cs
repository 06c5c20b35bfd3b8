using System.Net;
using HapModular.SharedKernel;
using HapModular.Testing;
using Npgsql;

namespace HapModular.Modules.Records.Tests;

/// <summary>The guard with Consent's real CheckAccess, on the demo: Dr Dupont is linked to Marie Dubois, not to Luc Dupont.</summary>
public sealed class RealAccessTests(RealAccessTests.Factory factory) : IClassFixture<RealAccessTests.Factory>
{
    public sealed class Factory : HapAppFactory
    {
        protected override bool UseTestAuthentication => true;
    }

    [Fact]
    public async Task A_linked_physician_reads_the_timeline_and_the_audit_names_the_link_an_unlinked_patient_is_neutral()
    {
        _ = factory.Server;
        var (physician, linked, unlinked) = await DemoRecord.SeedAsync(factory.Services);

        var client = factory.CreateClient().As(new TestUser(physician, [Roles.Physician], "18334780004", "Dr Dupont"));
        var allowed = await client.GetAsync($"/patients/{linked}");
        var denied = await client.GetAsync($"/patients/{unlinked}");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("Lien thérapeutique : Consultation", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        Assert.DoesNotContain("DUPONT", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT outcome, purpose, link_or_grant_id IS NOT NULL, reason FROM audit.records WHERE actor_user_id = @u ORDER BY seq", connection);
        command.Parameters.AddWithValue("u", physician);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("Allowed", "TREAT", true), (reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        Assert.True(await reader.ReadAsync());
        Assert.Equal("Denied", reader.GetString(0));
        Assert.False(await reader.ReadAsync());
    }
}
