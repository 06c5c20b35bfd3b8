using Npgsql;

namespace HapModular.Modules.Records.Documents;

/// <summary>
/// R6 in SQL, for every query that lists a patient's documents to a physician: not masked (except an author-masked
/// document, for its author) and embargo over. The same rule as the guard's, for lists the guard cannot check one by one.
/// </summary>
internal static class DocumentVisibility
{
    /// <summary>The condition on the table aliased <paramref name="a"/>, with parameters <c>@me</c> and <c>@now</c>.</summary>
    public static string Sql(string a) => Sql(a, "@me", "@now");

    /// <summary>The same condition with the viewer and the time as the given placeholders (positional: <c>$2</c>, <c>$3</c>).</summary>
    public static string Sql(string a, string me, string now) =>
        $"({a}.masked_by IS NULL OR ({a}.masked_by = 'author' AND left({a}.author_inami, 8) = {me})) AND ({a}.embargo_until IS NULL OR {a}.embargo_until <= {now})";

    /// <summary>Binds <c>@me</c> (the viewer's INAMI identity digits, or nothing) and <c>@now</c>.</summary>
    public static void Bind(NpgsqlParameterCollection parameters, string? viewerInami, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.AddWithValue("me", Viewer(viewerInami));
        parameters.AddWithValue("now", now.ToUniversalTime());
    }

    /// <summary>Binds the viewer and the time as the next two positional parameters (see <see cref="Sql(string, string, string)"/>).</summary>
    public static void BindPositional(NpgsqlParameterCollection parameters, string? viewerInami, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Add(new NpgsqlParameter<string> { TypedValue = Viewer(viewerInami) });
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
    }

    private static string Viewer(string? viewerInami) => viewerInami is { Length: 11 } inami ? inami[..8] : string.Empty;
}
