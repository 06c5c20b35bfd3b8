using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace HapModular.Benchmarks;

/// <summary>
/// <c>--diagnose</c>: the SQL one request runs, as PostgreSQL logged it (log_min_duration_statement = 0 for a few
/// requests, one at a time), grouped by statement with its count and server time per request. Why: the database's CPU
/// per timeline request was as large as the process' and the code alone does not say which statements (the pools'
/// resets, a Marten session's own queries) a request pays for.
/// </summary>
internal static partial class StatementLog
{
    public static async Task PrintAsync(string connectionString, HttpClient client, string url, int requests)
    {
        var log = Path.Combine(await DataDirectoryAsync(connectionString), "server.log");
        await SetAsync(connectionString, "ALTER SYSTEM SET log_min_duration_statement = 0");
        var start = new FileInfo(log).Length;
        using (var trips = new RoundTrips())
        {
            for (var i = 0; i < requests; i++)
            {
                using var response = await client.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
            }

            // The audit writer and the pools' returns finish after the answer: let them land in the log.
            await Task.Delay(500);
            trips.Print(requests);
        }

        await SetAsync(connectionString, "ALTER SYSTEM RESET log_min_duration_statement");
        string text;
        await using (var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            stream.Seek(start, SeekOrigin.Begin);
            text = await new StreamReader(stream).ReadToEndAsync();
        }

        var groups = Duration().Matches(text)
            .Select(m => (Ms: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Step: m.Groups[2].Value, Sql: Squash(m.Groups[3].Value)))
            .Where(s => !s.Sql.Contains("log_min_duration_statement", StringComparison.Ordinal) && !s.Sql.Contains("pg_reload_conf", StringComparison.Ordinal))
            .GroupBy(s => (s.Step, s.Sql))
            .OrderByDescending(g => g.Sum(s => s.Ms))
            .ToList();
        Console.WriteLine($"SQL per request of {url} ({requests} requests, one at a time; server time as logged):");
        foreach (var g in groups)
        {
            Console.WriteLine($"  {g.Count() / (double)requests,5:F1} x {g.Sum(s => s.Ms) / requests,7:F3} ms  {g.Key.Step,-8} {g.Key.Sql}");
        }

        Console.WriteLine($"  total: {groups.Sum(g => g.Count()) / (double)requests:F1} logged steps, {groups.Sum(g => g.Sum(s => s.Ms)) / requests:F3} ms per request");
        // Only reads: EXPLAIN ANALYZE runs the statement, and the logged INSERT of an audit row would run twice.
        await ExplainAsync(connectionString, text, groups.Where(g => g.Key.Step == "execute" && g.Key.Sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).Take(2).Select(g => g.Key.Sql).ToList());
    }

    /// <summary>
    /// The plans of the heaviest statements, as PostgreSQL runs them prepared: the logged text and parameters of one
    /// run, PREPAREd and EXPLAINed (ANALYZE, BUFFERS) with the generic plan a prepared statement settles on after five
    /// runs, then with a custom plan for these values. Why: the log says which statement costs, not why.
    /// </summary>
    private static async Task ExplainAsync(string connectionString, string log, List<string> heaviest)
    {
        var runs = Executed().Matches(log).Select(m => (Sql: m.Groups[1].Value.Trim(), Parameters: m.Groups[2].Value)).ToList();
        if (runs.Count == 0)
        {
            var at = log.IndexOf(" execute ", StringComparison.Ordinal);
            Console.WriteLine($"(no logged parameters to EXPLAIN with; the log reads: {(at < 0 ? "no execute" : log.Substring(at, Math.Min(600, log.Length - at)))})");
            return;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var n = 0;
        foreach (var squashed in heaviest)
        {
            if (runs.FirstOrDefault(r => Squash(r.Sql) == squashed) is not { Sql.Length: > 0 } run)
            {
                continue;
            }

            var values = string.Join(", ", Parameter().Matches(run.Parameters).OrderBy(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Select(m => m.Groups[2].Value));
            var name = $"diagnose_{n++}";
            await ExecuteAsync(connection, $"PREPARE {name} AS {run.Sql}");
            foreach (var mode in new[] { "force_generic_plan", "force_custom_plan" })
            {
                await ExecuteAsync(connection, $"SET plan_cache_mode = {mode}");
                // Warm: the first run in a session pays for its catalog look-ups, which the pooled connections do not.
                await ExecuteAsync(connection, $"EXECUTE {name}({values})");
                Console.WriteLine($"EXPLAIN (ANALYZE, BUFFERS), {mode}: {squashed}");
                await using var explain = new NpgsqlCommand($"EXPLAIN (ANALYZE, BUFFERS) EXECUTE {name}({values})", connection);
                await using var reader = await explain.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    Console.WriteLine("    " + reader.GetString(0));
                }
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<string> DataDirectoryAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW data_directory", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task SetAsync(string connectionString, string statement)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand(statement, connection))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using (var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection))
        {
            await reload.ExecuteNonQueryAsync();
        }

        // Each backend reads the reloaded settings at its next command; give the signal a moment.
        await Task.Delay(300);
    }

    private static string Squash(string sql)
    {
        var one = Whitespace().Replace(sql, " ").Trim();
        return one.Length <= 150 ? one : one[..150] + "…";
    }

    [GeneratedRegex(@"duration: ([0-9.]+) ms\s+(parse|bind|execute|statement)[^:]*:\s*(.*?)(?=\n\d{4}-\d\d-\d\d |\z)", RegexOptions.Singleline)]
    private static partial Regex Duration();

    [GeneratedRegex(@"duration: [0-9.]+ ms\s+execute[^:]*:\s*((?:(?!\n\d{4}-\d\d-\d\d ).)*)\n\d{4}-\d\d-\d\d [^\n]*?DETAIL:\s+[Pp]arameters: ([^\n]*)", RegexOptions.Singleline)]
    private static partial Regex Executed();

    [GeneratedRegex(@"\$(\d+) = (NULL|'(?:[^']|'')*')")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
