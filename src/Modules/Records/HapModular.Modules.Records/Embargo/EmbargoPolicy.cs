using System.Globalization;
using HapModular.Modules.Records.Storage;
using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Records.Embargo;

/// <summary>One category's embargo for external physicians (R6) and how many documents carry it.</summary>
internal sealed record EmbargoCategory(string Category, int Days, bool Configured, int Documents);

/// <summary>
/// R6 embargo days per category: what an administrator set (<c>records.embargo_categories</c>), else
/// <c>Records:Embargo:{category}</c>, else 0. A change applies to the category's documents at once: their end is
/// recomputed from their ingestion time, the same rule ingestion uses.
/// </summary>
internal sealed class EmbargoPolicy(RecordsDatabase database, IConfiguration configuration)
{
    public const int MaxDays = 3650;

    public static bool IsValidCategory(string? category) => category is { Length: > 0 and <= 50 } && category.Trim() == category && !category.Any(char.IsControl);

    public async Task<int> DaysForAsync(string category, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT days FROM records.embargo_categories WHERE category = @c");
        command.Parameters.AddWithValue("c", category);
        return await command.ExecuteScalarAsync(cancellationToken) is int days ? days : configuration.GetValue($"Records:Embargo:{category}", 0);
    }

    public async Task<IReadOnlyList<EmbargoCategory>> ListAsync(CancellationToken cancellationToken)
    {
        var set = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = database.DataSource.CreateCommand("SELECT category, days FROM records.embargo_categories"))
        await using (var r = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                set[r.GetString(0)] = r.GetInt32(1);
            }
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = database.DataSource.CreateCommand("SELECT embargo_category, count(*)::int FROM records.documents WHERE embargo_category IS NOT NULL GROUP BY embargo_category"))
        await using (var r = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                counts[r.GetString(0)] = r.GetInt32(1);
            }
        }

        var configured = configuration.GetSection("Records:Embargo").GetChildren().Select(c => c.Key);
        return [.. set.Keys.Concat(counts.Keys).Concat(configured).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(c => new EmbargoCategory(
                c,
                set.TryGetValue(c, out var d) ? d : configuration.GetValue($"Records:Embargo:{c}", 0),
                set.ContainsKey(c),
                counts.GetValueOrDefault(c)))];
    }

    /// <summary>Sets the days and recomputes the end of every document of the category; returns how many it touched.</summary>
    public async Task<int> SetAsync(string category, int days, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = "INSERT INTO records.embargo_categories (category, days) VALUES (@c, @d) ON CONFLICT (category) DO UPDATE SET days = @d";
        upsert.Parameters.AddWithValue("c", category);
        upsert.Parameters.AddWithValue("d", days);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        await using var apply = connection.CreateCommand();
        apply.Transaction = transaction;
        apply.CommandText = """
            UPDATE records.documents SET embargo_until = CASE WHEN @d > 0 THEN ingested_at + make_interval(days => @d) END
            WHERE embargo_category = @c
            """;
        apply.Parameters.AddWithValue("c", category);
        apply.Parameters.AddWithValue("d", days);
        var touched = await apply.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return touched;
    }

    public static string Describe(string category, int days) => string.Create(CultureInfo.InvariantCulture, $"{category}={days}");
}
