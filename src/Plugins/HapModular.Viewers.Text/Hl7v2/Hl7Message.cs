using System.Globalization;
using System.Text;

namespace HapModular.Viewers.Text.Hl7v2;

/// <summary>
/// An HL7 v2 (ER7) message split into segments and fields, with the separators the MSH segment declares.
/// Segments may end with CR, LF or CRLF (all three occur in the corpus).
/// </summary>
internal sealed class Hl7Message
{
    private Hl7Message(char field, char component, char repetition, char escape, char subcomponent, IReadOnlyList<Hl7Segment> segments)
    {
        FieldSeparator = field;
        ComponentSeparator = component;
        RepetitionSeparator = repetition;
        EscapeCharacter = escape;
        SubcomponentSeparator = subcomponent;
        Segments = segments;
    }

    public char FieldSeparator { get; }

    public char ComponentSeparator { get; }

    public char RepetitionSeparator { get; }

    public char EscapeCharacter { get; }

    public char SubcomponentSeparator { get; }

    public IReadOnlyList<Hl7Segment> Segments { get; }

    public Hl7Segment? First(string name) => Segments.FirstOrDefault(s => s.Name == name);

    public static Hl7Message? TryParse(string text)
    {
        text = text.TrimStart('\uFEFF', ' ', '\r', '\n', '\v');
        if (text.Length < 8 || !text.StartsWith("MSH", StringComparison.Ordinal))
        {
            return null;
        }

        var f = text[3];
        var enc = text[4..8];
        if (char.IsLetterOrDigit(f) || enc.Any(char.IsLetterOrDigit))
        {
            return null;
        }

        var lines = text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var segments = new List<Hl7Segment>();
        var message = new Hl7Message(f, enc[0], enc[1], enc[2], enc[3], segments);
        var pending = new StringBuilder();
        foreach (var line in lines)
        {
            // A line that does not start "XYZ|" is a stray break inside a long field (seen in base64 PDFs): rejoin it.
            var startsSegment = line.Length >= 3 && line[..3].All(char.IsAsciiLetterOrDigit) && (line.Length == 3 || line[3] == f);
            if (!startsSegment && pending.Length > 0)
            {
                pending.Append(line);
                continue;
            }

            if (pending.Length > 0)
            {
                segments.Add(new Hl7Segment(message, pending.ToString()));
                pending.Clear();
            }

            if (startsSegment)
            {
                pending.Append(line);
            }
        }

        if (pending.Length > 0)
        {
            segments.Add(new Hl7Segment(message, pending.ToString()));
        }

        return message;
    }

    /// <summary>Resolves HL7 escape sequences (\F\ \S\ \T\ \R\ \E\ \.br\ \Xhh\) in one value.</summary>
    public string Unescape(string value)
    {
        if (value.IndexOf(EscapeCharacter, StringComparison.Ordinal) < 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var end = value[i] == EscapeCharacter ? value.IndexOf(EscapeCharacter, i + 1) : -1;
            if (end < 0)
            {
                sb.Append(value[i]);
                continue;
            }

            var code = value[(i + 1)..end];
            switch (code)
            {
                case "F": sb.Append(FieldSeparator); break;
                case "S": sb.Append(ComponentSeparator); break;
                case "T": sb.Append(SubcomponentSeparator); break;
                case "R": sb.Append(RepetitionSeparator); break;
                case "E": sb.Append(EscapeCharacter); break;
                case ".br": sb.Append('\n'); break;
                default:
                    if (code.StartsWith('X') && code.Length % 2 == 1)
                    {
                        for (var k = 1; k + 1 < code.Length; k += 2)
                        {
                            if (byte.TryParse(code.AsSpan(k, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                            {
                                sb.Append((char)b);
                            }
                        }
                    }

                    // Formatting codes (\H\, \N\, \.sp\ …) carry no text.
                    break;
            }

            i = end;
        }

        return sb.ToString();
    }
}

/// <summary>One segment; fields are numbered as in the standard (MSH-1 is the field separator itself).</summary>
internal sealed class Hl7Segment
{
    private readonly Hl7Message message;
    private readonly string[] parts;

    public Hl7Segment(Hl7Message message, string line)
    {
        this.message = message;
        parts = line.Split(message.FieldSeparator);
        Name = parts[0];
    }

    public string Name { get; }

    /// <summary>The raw field (all repetitions), still escaped.</summary>
    public string Raw(int field)
    {
        var index = Name == "MSH" ? field - 1 : field;
        return index >= 1 && index < parts.Length ? parts[index] : string.Empty;
    }

    public IReadOnlyList<string> Repetitions(int field) => Raw(field).Split(message.RepetitionSeparator);

    /// <summary>Component <paramref name="component"/> (1-based) of the first repetition, unescaped; subcomponents joined by spaces.</summary>
    public string Get(int field, int component = 1) => ComponentOf(Repetitions(field)[0], component);

    public string ComponentOf(string repetition, int component)
    {
        var comps = repetition.Split(message.ComponentSeparator);
        if (component < 1 || component > comps.Length)
        {
            return string.Empty;
        }

        var subs = comps[component - 1].Split(message.SubcomponentSeparator).Select(message.Unescape).Where(s => s.Length > 0);
        return string.Join(' ', subs).Trim();
    }

    /// <summary>All non-empty components of the first repetition, unescaped and joined by a space.</summary>
    public string Joined(int field)
    {
        var comps = Repetitions(field)[0].Split(message.ComponentSeparator).Select((_, i) => ComponentOf(Repetitions(field)[0], i + 1));
        return string.Join(' ', comps.Where(c => c.Length > 0));
    }

    /// <summary>An ED field split into its five components, the data (fifth) kept whole even if it holds separators.</summary>
    public (string Type, string Subtype, string Encoding, string Data) EncapsulatedData(int field)
    {
        var raw = Raw(field);
        var comps = raw.Split(message.ComponentSeparator, 5);
        string At(int i) => i < comps.Length ? message.Unescape(comps[i]) : string.Empty;
        return (At(1), At(2), At(3), At(4));
    }
}
