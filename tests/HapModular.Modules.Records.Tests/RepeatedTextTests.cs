using HapModular.Modules.Records.Timeline;
using Npgsql;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// RepeatedText reads a text column from its raw bytes: the same text as Npgsql's own GetString for every value (accents,
/// other scripts, a value longer than its buffer, null), one shared string for a value seen before.
/// </summary>
public sealed class RepeatedTextTests(GuardFactory factory) : IClassFixture<GuardFactory>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_value_reads_as_Npgsql_reads_it_and_a_repeated_one_is_one_string(bool utf8)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT v FROM (VALUES (1, 'Cardiologie'), (2, 'Médecine interne – Zürich'), (3, 'Неврология 神経科'), (4, repeat('é', 300)),
                                  (5, NULL), (6, ''), (7, 'Cardiologie'), (8, 'Dr O''Brien <b>&amp;</b>')) AS t(n, v) ORDER BY n
            """, connection);
        var expected = new List<string?>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                expected.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
            }
        }

        var read = new List<string?>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                read.Add(RepeatedText.Read(reader, 0, utf8));
            }
        }

        Assert.Equal(expected, read);
        if (utf8)
        {
            Assert.Same(read[0], read[6]);
        }
    }
}
