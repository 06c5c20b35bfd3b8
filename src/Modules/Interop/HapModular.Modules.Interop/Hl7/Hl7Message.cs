using System.Text;

namespace HapModular.Modules.Interop.Hl7;

/// <summary>
/// An HL7 v2 message split into segments and fields with the delimiters its own MSH declares (PS: HL7 v2.5 chapter 2).
/// Segments end with CR (LF and CRLF are tolerated, as senders use them). Field numbers follow the standard: for MSH,
/// MSH-1 is the field separator itself.
/// </summary>
internal sealed class Hl7Message
{
    private readonly List<string[]> segments;

    private Hl7Message(List<string[]> segments, char field, char component, char repetition, char escape, char subcomponent)
    {
        this.segments = segments;
        FieldSeparator = field;
        ComponentSeparator = component;
        RepetitionSeparator = repetition;
        EscapeCharacter = escape;
        SubcomponentSeparator = subcomponent;
    }

    public char FieldSeparator { get; }

    public char ComponentSeparator { get; }

    public char RepetitionSeparator { get; }

    public char EscapeCharacter { get; }

    public char SubcomponentSeparator { get; }

    /// <summary>Parses a message; a missing or malformed MSH throws <see cref="Hl7FormatException"/>.</summary>
    public static Hl7Message Parse(string text)
    {
        if (text.Length < 8 || !text.StartsWith("MSH", StringComparison.Ordinal))
        {
            throw new Hl7FormatException("the message does not start with an MSH segment");
        }

        var field = text[3];
        var encoding = text[4..].Split(field, 2)[0];
        if (char.IsLetterOrDigit(field) || encoding.Length < 4 || encoding.Distinct().Count() != encoding.Length || encoding.Contains(field, StringComparison.Ordinal))
        {
            throw new Hl7FormatException("MSH-1/MSH-2 do not declare distinct delimiters");
        }

        var lines = new List<string>();
        foreach (var line in text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length >= 3 && line[..3].All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)) && (line.Length == 3 || line[3] == field))
            {
                lines.Add(line);
            }
            else if (lines.Count > 0 && lines[^1].StartsWith("OBX", StringComparison.Ordinal))
            {
                // Some senders wrap long OBX-5 values (Base64 documents) at a fixed width: the break is not a segment.
                lines[^1] += line;
            }
            else
            {
                throw new Hl7FormatException("a segment does not start with a three-character segment id");
            }
        }

        var list = new List<string[]>(lines.Count);
        foreach (var line in lines)
        {
            var parts = line.Split(field);
            // MSH: field 1 is the separator, so shift by one to keep the standard's numbering.
            list.Add(parts[0] == "MSH" ? [.. new[] { "MSH", field.ToString() }, .. parts.Skip(1)] : parts);
        }

        return new Hl7Message(list, field, encoding[0], encoding[1], encoding[2], encoding[3]);
    }

    public IEnumerable<string[]> Segments(string id) => segments.Where(s => s[0] == id);

    public string[]? Segment(string id) => segments.FirstOrDefault(s => s[0] == id);

    /// <summary>Field <paramref name="number"/> of the first <paramref name="segment"/> (raw, escapes kept), or empty.</summary>
    public string Field(string segment, int number) => Segment(segment) is { } s ? Field(s, number) : string.Empty;

    public static string Field(string[] segment, int number) => number < segment.Length ? segment[number] : string.Empty;

    /// <summary>Component <paramref name="number"/> (1-based) of the first repetition of a field.</summary>
    public string Component(string value, int number)
    {
        var first = value.Split(RepetitionSeparator)[0].Split(ComponentSeparator);
        return number <= first.Length ? first[number - 1] : string.Empty;
    }

    public IReadOnlyList<string> Repetitions(string value) => value.Split(RepetitionSeparator);

    /// <summary>Text with HL7 escapes resolved (\F\ \S\ \T\ \R\ \E\ \.br\); unknown escapes are kept as written.</summary>
    public string Unescape(string value)
    {
        if (!value.Contains(EscapeCharacter, StringComparison.Ordinal))
        {
            return value;
        }

        var e = EscapeCharacter;
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var end = value[i] == e ? value.IndexOf(e, i + 1) : -1;
            if (end < 0)
            {
                builder.Append(value[i]);
                continue;
            }

            var code = value[(i + 1)..end];
            builder.Append(code switch
            {
                "F" => FieldSeparator.ToString(),
                "S" => ComponentSeparator.ToString(),
                "T" => SubcomponentSeparator.ToString(),
                "R" => RepetitionSeparator.ToString(),
                "E" => e.ToString(),
                ".br" => "\n",
                _ => value[i..(end + 1)],
            });
            i = end;
        }

        return builder.ToString();
    }
}

/// <summary>The message cannot be read as HL7 v2: answered with AR.</summary>
internal sealed class Hl7FormatException(string message) : Exception(message);
