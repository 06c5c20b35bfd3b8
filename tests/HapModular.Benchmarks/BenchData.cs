using HapModular.Testing;
using HapModular.Modules.Records.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Benchmarks;

/// <summary>Synthetic records written straight into the documents table (the timeline reads no blob).</summary>
internal static class BenchData
{
    public static async Task<Guid> RegisterAsync(IServiceProvider services, int sequence)
    {
        await using var scope = services.CreateAsyncScope();
        var birth = new DateOnly(1970, 5, 5);
        var body = long.Parse($"700505{sequence:000}", System.Globalization.CultureInfo.InvariantCulture);
        var niss = $"{body:000000000}{97 - (body % 97):00}";
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterPatient(niss, "Bench", "Patient" + sequence, birth, "M", "fr", ["Rue du Banc 1"], null, false));
    }

    /// <summary>Seeds the demo (identity, records, consent) and returns Dr Dupont and the patient he is linked to.</summary>
    public static async Task<(Guid Physician, Guid Patient)> SeedDemoLinkAsync(IServiceProvider services)
    {
        var (physician, patient, _) = await DemoRecord.SeedAsync(services);
        return (physician, patient);
    }

    /// <summary>Signs Dr Dupont in as his browser does (password, then his phone's code); the cookies land in <paramref name="cookies"/>.</summary>
    public static async Task SignInDrDupontAsync(string baseUrl, System.Net.CookieContainer cookies)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
        await DemoSignIn.SignInAsync(client, DemoSignIn.Dupont);
    }

    /// <summary>Inserts <paramref name="perPatient"/> documents for the patient, plus <paramref name="others"/> documents spread over <paramref name="otherPatients"/> random patients.</summary>
    public static async Task FillAsync(string connectionString, Guid patient, int perPatient, int otherPatients, int others)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        const string Insert = """
            INSERT INTO records.documents (id, patient_id, title, kind, clinical_date, department, author, media_type, size, sha256,
                source_system, source_id, ingested_at)
            SELECT gen_random_uuid(), {0}, 'Document ' || g, (ARRAY['report','imaging','device-report','photo','lab','other'])[1 + g % 6],
                   now() - (g % 3000) * interval '1 day', (ARRAY['Cardiologie','Radiologie','Urgences','Laboratoire'])[1 + g % 4], 'Dr Bench',
                   'application/pdf', 1000, repeat('a', 64), 'bench', '{1}' || g, now()
            FROM generate_series(1, @n) g
            """;
        await using (var mine = new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, Insert, "@p", "p-"), connection))
        {
            mine.CommandTimeout = 0;
            mine.Parameters.AddWithValue("p", patient);
            mine.Parameters.AddWithValue("n", perPatient);
            await mine.ExecuteNonQueryAsync();
        }

        if (others > 0)
        {
            // Other patients' ids: a deterministic spread of otherPatients ids (md5 of the bucket), 'others' rows in total.
            await using var rest = new NpgsqlCommand(
                string.Format(System.Globalization.CultureInfo.InvariantCulture, Insert, "md5('pat' || (g % @k))::uuid", "o-" + Guid.NewGuid().ToString("N")[..6] + "-"),
                connection);
            rest.CommandTimeout = 0;
            rest.Parameters.AddWithValue("n", others);
            rest.Parameters.AddWithValue("k", otherPatients);
            await rest.ExecuteNonQueryAsync();
        }

        // VACUUM as well as ANALYZE: the steady state autovacuum keeps on a table that is mostly inserted into, where the
        // visibility map lets index-only scans (the timeline's tallies) skip the table; right after a bulk insert it is unset.
        // Repeated until every page is all-visible: a VACUUM that runs while another session's snapshot predates the insert
        // (the demo's background jobs, just started) may not mark those pages (measured: 14 of 333 pages, so the tallies'
        // generic plan was a bitmap heap scan and a sort), and autovacuum would not come back to a table nobody writes.
        await using var analyze = new NpgsqlCommand("VACUUM (ANALYZE) records.documents", connection);
        await using var visible = new NpgsqlCommand("SELECT relallvisible >= relpages FROM pg_class WHERE oid = 'records.documents'::regclass", connection);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await analyze.ExecuteNonQueryAsync();
            if (await visible.ExecuteScalarAsync() is true)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        Console.WriteLine("warning: records.documents is not all-visible after VACUUM (a long transaction holds the horizon back)");
    }
}
