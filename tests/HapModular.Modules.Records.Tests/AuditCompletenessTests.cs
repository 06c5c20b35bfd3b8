using HapModular.Testing;
using Npgsql;

namespace HapModular.Modules.Records.Tests;

/// <summary>R7: every patient-scoped read, allowed or denied, writes exactly one audit record, without the NISS.</summary>
public sealed class AuditCompletenessTests(GuardFactory factory) : IClassFixture<GuardFactory>
{
    [Fact]
    public async Task N_mixed_reads_write_exactly_N_audit_records()
    {
        var w = await GuardWorld.CreateAsync(factory, nameof(AuditCompletenessTests));
        var before = await CountAsync(w.PatientA);
        var linked = factory.CreateClient().As(w.Linked);
        var stranger = factory.CreateClient().As(w.NoLink);
        string[] urls =
        [
            $"/patients/{w.PatientA}",
            $"/patients/{w.PatientA}/documents/{w.Report}",
            $"/patients/{w.PatientA}/documents/{w.Photo}/thumbnail",
            $"/patients/{w.PatientA}/documents/{w.Photo}/render/view",
            $"/patients/{w.PatientA}/documents/{w.Report}/download",
            $"/patients/{w.PatientA}/documents/{w.Masked}",
        ];
        foreach (var url in urls)
        {
            await linked.GetAsync(url);
            await stranger.GetAsync(url);
        }

        Assert.Equal(before + (urls.Length * 2), await CountAsync(w.PatientA));
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE outcome = 'Allowed' AND purpose = 'TREAT' AND link_or_grant_id IS NOT NULL), count(*) FILTER (WHERE outcome = 'Denied') FROM audit.records WHERE patient_id = @p",
            connection);
        command.Parameters.AddWithValue("p", w.PatientA);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(urls.Length - 1, reader.GetInt64(0));
        Assert.Equal(urls.Length + 1, reader.GetInt64(1));
    }

    private async Task<long> CountAsync(Guid patient)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM audit.records WHERE patient_id = @p", connection);
        command.Parameters.AddWithValue("p", patient);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
