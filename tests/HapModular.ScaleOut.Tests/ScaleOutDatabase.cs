using Npgsql;

namespace HapModular.ScaleOut.Tests;

/// <summary>Looks at the one database both hosts use, from outside (the owner's connection): what was kept.</summary>
internal sealed class ScaleOutDatabase(string connectionString)
{
    /// <summary>The demo patients' record ids, by last name (with what the physician reads off the eID).</summary>
    public async Task<IReadOnlyDictionary<string, KnownPatient>> PatientsAsync(IReadOnlyDictionary<string, (string Niss, DateOnly BirthDate)> demo)
    {
        var found = new Dictionary<string, KnownPatient>(StringComparer.Ordinal);
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, coalesce(data->>'LastName', data->>'lastName') FROM records.mt_doc_patient", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var last = reader.GetString(1);
            if (demo.TryGetValue(last, out var known))
            {
                found[last] = new KnownPatient(reader.GetGuid(0), last, known.Niss, known.BirthDate);
            }
        }

        return found.Count == demo.Count ? found : throw new InvalidOperationException($"{found.Count} of {demo.Count} demo patients found in records.mt_doc_patient");
    }

    /// <summary>The database's clock (records are stamped by the hosts on the same machine).</summary>
    public async Task<DateTimeOffset> NowAsync() => new((DateTime)(await ScalarAsync("SELECT now()"))!);

    /// <summary>Timeline reads of the patient recorded since <paramref name="since"/> (allowed or not: at least one per page served).</summary>
    public async Task<long> AuditedReadsAsync(Guid patientId, DateTimeOffset since) =>
        (long)(await ScalarAsync("SELECT count(*) FROM audit.records WHERE action = 'read' AND patient_id = @p AND at >= @since", ("p", patientId), ("since", since)))!;

    /// <summary>Documents of the patient kept with each id and hash, among <paramref name="ids"/>.</summary>
    public async Task<Dictionary<Guid, string>> DocumentHashesAsync(IReadOnlyCollection<Guid> ids)
    {
        var kept = new Dictionary<Guid, string>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, sha256 FROM records.documents WHERE id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            kept[reader.GetGuid(0)] = reader.GetString(1);
        }

        return kept;
    }

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>) until <paramref name="expected"/> link letters created since
    /// <paramref name="since"/> are rendered, then answers (letter rows, rendered PDFs, access codes, distinct events).
    /// </summary>
    public async Task<(long Rows, long Pdfs, long Codes, long Events)> WaitForLettersAsync(DateTimeOffset since, int expected, TimeSpan timeout)
    {
        const string Sql = """
            SELECT count(*), count(l.pdf), count(c.letter_id), count(DISTINCT l.event_key)
            FROM notifications.letters l LEFT JOIN notifications.access_codes c ON c.letter_id = l.id
            WHERE l.kind = 'LinkCreated' AND l.created_at >= @since
            """;
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var connection = await OpenAsync();
            await using var command = new NpgsqlCommand(Sql, connection);
            command.Parameters.AddWithValue("since", since);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var counts = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            if (counts.Item2 >= expected || DateTime.UtcNow > deadline)
            {
                return counts;
            }

            // Rendering is Hangfire's work on both hosts (a job held by the killed host comes back after 30 s).
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// Why letters are still open (for the failure message): each unrendered letter with its rendering job's Hangfire
    /// state, that state's reason, when a worker fetched it and whether it sits in a queue.
    /// </summary>
    public async Task<string> OpenLettersAsync(DateTimeOffset since)
    {
        const string Sql = """
            SELECT l.id::text, coalesce(l.job_id, '-'), coalesce(j.statename, '-'), coalesce(s.reason, '-'),
                   coalesce(q.fetchedat::text, '-'), coalesce(q.queue, '-'), l.created_at::text
            FROM notifications.letters l
            LEFT JOIN hangfire.job j ON j.id::text = l.job_id
            LEFT JOIN hangfire.state s ON s.id = j.stateid
            LEFT JOIN hangfire.jobqueue q ON q.jobid = j.id
            WHERE l.kind = 'LinkCreated' AND l.created_at >= @since AND l.pdf IS NULL
            ORDER BY l.created_at LIMIT 20
            """;
        var lines = new List<string>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("since", since);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add($"letter {reader.GetString(0)} created {reader.GetString(6)}: job {reader.GetString(1)} {reader.GetString(2)} ({reader.GetString(3)}), fetched {reader.GetString(4)}, queue {reader.GetString(5)}");
        }

        return lines.Count == 0 ? "no letter without its PDF" : string.Join('\n', lines);
    }

    private async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
