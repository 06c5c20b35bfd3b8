using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Demo;
using HapModular.SharedKernel;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Records.Tests;

public sealed class PatientRegistryTests(HapAppFactory factory) : IClassFixture<HapAppFactory>
{
    private static readonly string Niss = DemoNiss.For(new DateOnly(1970, 6, 15), 123);

    [Fact]
    public async Task A_registered_patient_is_matched_whatever_the_case_and_accents_of_the_last_name()
    {
        var id = await Send(new RegisterPatient(Niss, "Hélène", "Lefèvre-Dupré", new DateOnly(1970, 6, 15), "M", "fr", ["Rue 1", "7000 Mons"], null, false));

        Assert.Equal(id, await Send(new MatchPatient(Niss, "LEFEVRE DUPRE", new DateOnly(1970, 6, 15))));
        Assert.Null(await Send(new MatchPatient(Niss, "Lefebvre", new DateOnly(1970, 6, 15))));
        Assert.Null(await Send(new MatchPatient(Niss, "Lefèvre-Dupré", new DateOnly(1970, 6, 16))));
        Assert.Null(await Send(new MatchPatient(DemoNiss.For(new DateOnly(1970, 6, 15), 125), "Lefèvre-Dupré", new DateOnly(1970, 6, 15))));
    }

    [Fact]
    public async Task Registering_the_same_niss_again_updates_the_same_patient()
    {
        var niss = DemoNiss.For(new DateOnly(1990, 2, 3), 44);
        var first = await Send(new RegisterPatient(niss, "Eva", "Claes", new DateOnly(1990, 2, 3), "F", "nl", ["A"], null, false));
        var second = await Send(new RegisterPatient(niss, "Eva", "Claes", new DateOnly(1990, 2, 3), "F", "nl", ["Nieuw adres 2"], "eva@example.org", true));

        Assert.Equal(first, second);
        var summary = Assert.Single(await Send(new GetPatientSummaries([first])));
        Assert.Equal(["Nieuw adres 2"], summary.PostalAddress);
        Assert.Equal("eva@example.org", summary.Email);
        Assert.Equal("••.••.••-•••." + niss[9..], summary.MaskedNiss);
    }

    [Fact]
    public async Task The_niss_is_never_stored_in_clear()
    {
        var niss = DemoNiss.For(new DateOnly(1977, 8, 8), 212);
        await Send(new RegisterPatient(niss, "Tom", "Segers", new DateOnly(1977, 8, 8), "M", "nl", ["B"], null, false));

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM records.mt_doc_patient WHERE data::text LIKE '%' || @n || '%'", connection);
        command.Parameters.AddWithValue("n", niss);
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Staff_search_finds_by_exact_niss_or_by_name_fragment()
    {
        var niss = DemoNiss.For(new DateOnly(1960, 10, 10), 330);
        var id = await Send(new RegisterPatient(niss, "Anne-Sophie", "Vandenbroucke", new DateOnly(1960, 10, 10), "F", "fr", ["C"], null, false));

        Assert.Equal(id, Assert.Single(await Send(new SearchPatients(niss[..6] + "." + niss[6..]))).PatientId);
        Assert.Contains(await Send(new SearchPatients("broucke anne")), p => p.PatientId == id);
        Assert.DoesNotContain(await Send(new SearchPatients("broucke pierre")), p => p.PatientId == id);
        Assert.Empty(await Send(new SearchPatients("123")));
    }

    [Fact]
    public void Demo_patients_have_valid_niss_numbers_matching_their_birth_date_and_sex()
    {
        foreach (var p in DemoPatients.All)
        {
            Assert.True(SharedKernel.Niss.TryParse(p.NissDigits, out var niss, out _), p.LastName);
            Assert.Equal(p.BirthDate, niss.BirthDate);
            Assert.Equal(p.Sex == "M" ? NissSex.Male : NissSex.Female, niss.Sex);
        }
    }

    private async Task<T> Send<T>(IRequest<T> request)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
