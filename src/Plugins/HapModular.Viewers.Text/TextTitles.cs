namespace HapModular.Viewers.Text;

/// <summary>
/// A plain-text report's title: its first line, unless that line is plainly not a title — a tool's log or error line
/// ("E: DcmElement…", "Error:", a stack trace), a comment or Markdown heading of a data file ("# Dicom-File-Format",
/// "# … MANIFEST"), a path or URL, or too long. The record then falls back to the file name.
/// </summary>
internal static class TextTitles
{
    private static readonly string[] Junk = ["error:", "erreur :", "exception", "fatal", "traceback", "stack trace"];

    public static string? FromFirstLine(string text)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (line is null || line.Length > 120 || !line.Any(char.IsLetter))
        {
            return null;
        }

        var logLevel = line.Length > 2 && line[1] == ':' && line[0] is 'E' or 'W' or 'I' or 'F' or 'D' or 'T';
        var markup = line[0] is '#' or '/' or '<' or '{' or '[' or '-' or '=' or '*' or '>' or '|';
        var technical = line.Contains("://", StringComparison.Ordinal) || Junk.Any(j => line.Contains(j, StringComparison.OrdinalIgnoreCase));
        return logLevel || markup || technical ? null : line;
    }
}
