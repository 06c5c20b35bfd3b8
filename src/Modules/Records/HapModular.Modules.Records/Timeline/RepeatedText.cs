using System.Collections.Concurrent;
using System.Text;
using Npgsql;

namespace HapModular.Modules.Records.Timeline;

/// <summary>
/// Reads a text column whose values repeat from row to row and page to page (a document's kind, department, author,
/// media type, modality) as one shared string per distinct value. Why: each timeline page read ~250 such strings that
/// already existed (a patient's 50 lines name the same four departments), a visible share of the page's allocations
/// (issue 15). The column's bytes are copied into a per-thread buffer (Npgsql's <c>GetBytes</c> allocates nothing),
/// decoded on the stack and looked up; only an unseen value becomes a string.
/// The table remembers values, never which patient or request they came from, and decides nothing; it is bounded, and
/// once full a new value is simply read as a string. Titles and UIDs are not read through here: they rarely repeat.
/// </summary>
internal static class RepeatedText
{
    private const int MaxEntries = 4_096;

    // Longer values (a long department name) are read as before: one string each.
    private const int MaxBytes = 256;

    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByChars = Known.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int count;

    [ThreadStatic]
    private static byte[]? buffer;

    /// <summary>The column's value, or null. <paramref name="utf8"/>: Npgsql hands this connection's text over in UTF-8.</summary>
    public static string? Read(NpgsqlDataReader reader, int ordinal, bool utf8)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        if (!utf8)
        {
            return reader.GetString(ordinal);
        }

        // Used only inside this synchronous call, so one buffer per thread serves every request on it.
        var bytes = buffer ??= new byte[MaxBytes + 1];
        var length = (int)reader.GetBytes(ordinal, 0, bytes, 0, bytes.Length);
        if (length > MaxBytes)
        {
            return reader.GetString(ordinal);
        }

        Span<char> chars = stackalloc char[MaxBytes];
        var text = chars[..Encoding.UTF8.GetChars(bytes.AsSpan(0, length), chars)];
        if (ByChars.TryGetValue(text, out var known))
        {
            return known;
        }

        var made = new string(text);
        if (Volatile.Read(ref count) < MaxEntries && Known.TryAdd(made, made))
        {
            Interlocked.Increment(ref count);
        }

        return made;
    }
}
