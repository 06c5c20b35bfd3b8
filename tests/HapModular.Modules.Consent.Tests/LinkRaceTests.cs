using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Pages.Links.Declare;
using HapModular.Modules.Consent.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Consent.Tests;

/// <summary>
/// Finding (issue 13): in about 1 race of 21, 6–8 parallel declarations of the same link produced two
/// <c>LinkCreated</c> notices and two letters; R8 says a patient is told once. 100 races, each a fresh pair.
/// </summary>
public sealed class LinkRaceTests(ConsentFactory factory) : IClassFixture<ConsentFactory>
{
    [Fact]
    public async Task A_hundred_races_of_parallel_declarations_each_give_one_activation_and_one_letter()
    {
        var duplicates = new List<string>();
        for (var race = 0; race < 100; race++)
        {
            var s = new Scenario(factory);
            await s.GiveConsentAsync();
            var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => s.DeclareAsync())));

            var linkId = results[0].LinkId;
            await using var session = factory.Services.GetRequiredService<IConsentStore>().QuerySession();
            var activations = (await session.Events.FetchStreamAsync(linkId)).Count(e => e.Data is LinkActivated);
            var letters = await LettersAsync(linkId);
            if (activations != 1 || letters != 1 || results.Count(r => r.Outcome == DeclareLinkOutcome.Activated) != 1)
            {
                duplicates.Add($"race {race}: {activations} activations, {letters} letters, outcomes {string.Join(",", results.Select(r => r.Outcome))}");
            }
        }

        Assert.Empty(duplicates);
    }

    private async Task<long> LettersAsync(Guid linkId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM notifications.letters WHERE event_key LIKE $1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = linkId + ":%" });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
