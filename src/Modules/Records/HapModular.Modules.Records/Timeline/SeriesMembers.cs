using System.Collections.Concurrent;
using Npgsql;

namespace HapModular.Modules.Records.Timeline;

/// <summary>One object of a series as its timeline line lists it: its own title, kind and date.</summary>
internal sealed record SeriesMember(Guid Id, string Title, string Kind, DateTimeOffset ClinicalDate, bool ClinicalDateKnown, string? Modality);

/// <summary>
/// The objects behind the page's series lines (issue 11: a second ECG sharing a series UID was folded into the line and
/// nothing showed it existed). Same visibility and filters as the line's count, so the list and the count agree; at most
/// <see cref="PerSeries"/> per series (a 300-image CT links to its viewer instead). One extra statement, only when a line
/// stands for more than one object.
/// </summary>
internal static class SeriesMembers
{
    public const int PerSeries = 50;

    /// <summary>The answer for a page without a series line of more than one object.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<SeriesMember>> None = System.Collections.ObjectModel.ReadOnlyDictionary<string, IReadOnlyList<SeriesMember>>.Empty;

    /// <summary>Whether a line of <paramref name="page"/> stands for more than one object (else there is nothing to read).</summary>
    public static bool AnyIn(List<TimelineItem> page)
    {
        foreach (var item in page)
        {
            if (StandsForMany(item))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StandsForMany(TimelineItem item) => item.SeriesUid is not null && item.SeriesCount > 1;

    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<SeriesMember>>> ReadAsync(
        NpgsqlConnection connection, bool utf8, IReadOnlyList<TimelineItem> page, int shape, Func<string, string> where, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        var series = page.Where(StandsForMany).Select(i => i.SeriesUid!).Distinct(StringComparer.Ordinal).ToArray();
        var result = new Dictionary<string, IReadOnlyList<SeriesMember>>(StringComparer.Ordinal);
        if (series.Length == 0)
        {
            return result;
        }

        // The condition's positional parameters first ($1…$k, bound by bind), then the series and the limit; the text
        // depends only on the filters' shape, so it is built once per shape.
        await using var command = new NpgsqlCommand { Connection = connection };
        bind(command.Parameters);
        command.CommandText = Texts.GetOrAdd(shape, static (_, a) => Text(a.where, a.count), (where, count: command.Parameters.Count));
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = series });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PerSeries });
        var lists = new Dictionary<string, List<SeriesMember>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var uid = reader.GetString(0);
            if (!lists.TryGetValue(uid, out var list))
            {
                lists[uid] = list = [];
            }

            list.Add(new SeriesMember(reader.GetGuid(1), reader.GetString(2), RepeatedText.Read(reader, 3, utf8)!, reader.GetFieldValue<DateTimeOffset>(4), reader.GetBoolean(5), RepeatedText.Read(reader, 6, utf8)));
        }

        foreach (var (uid, list) in lists)
        {
            result[uid] = list;
        }

        return result;
    }

    private static readonly ConcurrentDictionary<int, string> Texts = new();

    private static string Text(Func<string, string> where, int count) => $"""
        SELECT series_uid, id, title, kind, clinical_date, clinical_date_known, modality FROM (
            SELECT m.*, row_number() OVER (PARTITION BY m.series_uid ORDER BY m.clinical_date DESC, m.id DESC) AS n
            FROM records.documents m
            WHERE m.series_uid = ANY(${count + 1}) AND {where("m")}) ranked
        WHERE n <= ${count + 2}
        ORDER BY series_uid, clinical_date DESC, id DESC
        """;
}
