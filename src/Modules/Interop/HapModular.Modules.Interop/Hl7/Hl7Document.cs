using System.Globalization;
using System.Text;
using HapModular.Modules.Records.Contracts;

namespace HapModular.Modules.Interop.Hl7;

/// <summary>
/// What an ORU^R01 (results) or MDM^T02 (document) message files: an embedded document (OBX of type ED: PDF in
/// Base64, or text), else for ORU the message itself (the text viewer reads ORU), else for MDM its TX/FT text.
/// The patient comes from PID-3 (a valid NISS among the identifiers, else the first one as the hospital's id),
/// PID-5 and PID-7. An error names the HL7 error code (table 0357) to put in the NAK.
/// </summary>
internal sealed record Hl7Document(string ControlId, string Sender, InboundPatient Patient, byte[] Content, InboundDetails Details)
{
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal) { "ORU^R01", "MDM^T02" };

    public static Hl7Document From(Hl7Message m, ReadOnlyMemory<byte> raw)
    {
        var type = m.Component(m.Field("MSH", 9), 1) + "^" + m.Component(m.Field("MSH", 9), 2);
        var controlId = m.Field("MSH", 10);
        if (controlId.Length == 0 || controlId.Length > 199)
        {
            throw new Hl7ContentException("101", "MSH-10 (message control id) is required");
        }

        if (!Supported.Contains(type))
        {
            throw new Hl7ContentException("200", $"message type {type} is not supported (ORU^R01, MDM^T02)");
        }

        if (!m.Component(m.Field("MSH", 12), 1).StartsWith("2.", StringComparison.Ordinal))
        {
            throw new Hl7ContentException("203", "MSH-12 must name an HL7 v2 version");
        }

        var pid = m.Segment("PID") ?? throw new Hl7ContentException("100", "the message has no PID segment");
        var patient = ReadPatient(m, pid);
        var (content, fileName, title) = ReadContent(m, type, controlId, raw);
        var date = Date(type == "MDM^T02" ? m.Field("TXA", 4) : m.Field("OBR", 7));
        var kind = type == "ORU^R01" && fileName.EndsWith(".hl7", StringComparison.Ordinal)
            && m.Segments("OBX").Any(o => Hl7Message.Field(o, 2) is "NM" or "SN") ? "lab" : "report";
        var sender = m.Unescape(m.Component(m.Field("MSH", 3), 1)) + "^" + m.Unescape(m.Component(m.Field("MSH", 4), 1));
        var service = m.Unescape(m.Component(m.Field("OBR", 4), 2));
        var heading = title ?? (service.Length > 0 ? service : null);
        return new Hl7Document(controlId, sender, patient, content, new InboundDetails(fileName, Clip(heading, 300), kind, date));
    }

    private static InboundPatient ReadPatient(Hl7Message m, string[] pid)
    {
        var ids = m.Repetitions(Hl7Message.Field(pid, 3)).Select(r => m.Unescape(r.Split(m.ComponentSeparator)[0]).Trim()).Where(i => i.Length > 0).ToList();
        if (ids.Count == 0)
        {
            throw new Hl7ContentException("101", "PID-3 (patient identifier list) is required");
        }

        var niss = ids.FirstOrDefault(i => SharedKernel.Niss.TryParse(i, out _, out _));
        var name = Hl7Message.Field(pid, 5);
        var birth = Hl7Message.Field(pid, 7);
        DateOnly? birthDate = birth.Length == 0 ? null
            : birth.Length >= 8 && DateOnly.TryParseExact(birth[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw new Hl7ContentException("102", "PID-7 (birth date) is not a date");
        return new InboundPatient(niss, niss is null ? ids[0] : null, m.Unescape(m.Component(name, 1)), m.Unescape(m.Component(name, 2)), birthDate);
    }

    private static (byte[] Content, string FileName, string? Title) ReadContent(Hl7Message m, string type, string controlId, ReadOnlyMemory<byte> raw)
    {
        var safe = new string(controlId.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        if (m.Segments("OBX").FirstOrDefault(o => Hl7Message.Field(o, 2) == "ED") is { } ed)
        {
            // OBX-5 as ED: source ^ type of data ^ subtype ^ encoding ^ data.
            var value = Hl7Message.Field(ed, 5).Split(m.ComponentSeparator);
            var subtype = value.ElementAtOrDefault(2) ?? string.Empty;
            var encoding = value.ElementAtOrDefault(3) ?? string.Empty;
            var data = value.ElementAtOrDefault(4) ?? string.Empty;
            byte[] bytes;
            if (encoding.Equals("Base64", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    bytes = Convert.FromBase64String(m.Unescape(data));
                }
                catch (FormatException)
                {
                    throw new Hl7ContentException("102", "OBX-5 (ED) is not valid Base64");
                }
            }
            else if (encoding is "A" or "ASCII")
            {
                bytes = Encoding.UTF8.GetBytes(m.Unescape(data));
            }
            else
            {
                throw new Hl7ContentException("103", $"OBX-5 (ED) encoding {encoding} is not supported (Base64, A)");
            }

            var extension = subtype.ToUpperInvariant() switch
            {
                "PDF" => ".pdf",
                "XML" or "TEXT/XML" or "CDA" => ".xml",
                "RTF" => ".rtf",
                "HTML" => ".html",
                _ => ".txt",
            };
            return (bytes, safe + extension, m.Unescape(m.Component(Hl7Message.Field(ed, 3), 2)) is { Length: > 0 } t ? t : null);
        }

        if (type == "ORU^R01")
        {
            return (raw.ToArray(), safe + ".hl7", null);
        }

        var text = string.Join('\n', m.Segments("OBX").Where(o => Hl7Message.Field(o, 2) is "TX" or "FT" or "ST").Select(o => m.Unescape(Hl7Message.Field(o, 5))));
        return text.Length == 0
            ? throw new Hl7ContentException("101", "the MDM message carries no document (OBX of type ED, TX or FT)")
            : (Encoding.UTF8.GetBytes(text), safe + ".txt", m.Unescape(m.Component(m.Field("TXA", 2), 2)) is { Length: > 0 } t2 ? t2 : null);
    }

    /// <summary>DTM: YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ]; no offset means the hospital's time zone, Europe/Brussels.</summary>
    private static DateTimeOffset? Date(string value)
    {
        if (value.Length < 8)
        {
            return null;
        }

        var zoneAt = value.IndexOfAny(['+', '-'], 8);
        var local = (zoneAt < 0 ? value : value[..zoneAt]).Split('.')[0];
        string[] formats = ["yyyyMMddHHmmss", "yyyyMMddHHmm", "yyyyMMddHH", "yyyyMMdd"];
        if (!DateTime.TryParseExact(local, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
        {
            throw new Hl7ContentException("102", "a date (OBR-7 or TXA-4) is not an HL7 date");
        }

        if (zoneAt > 0 && TimeSpan.TryParseExact(value[(zoneAt + 1)..], "hhmm", CultureInfo.InvariantCulture, out var offset))
        {
            return new DateTimeOffset(when, value[zoneAt] == '-' ? -offset : offset);
        }

        var brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        return new DateTimeOffset(when, brussels.GetUtcOffset(when));
    }

    private static string? Clip(string? text, int max) => text is { Length: > 0 } ? text.Length <= max ? text : text[..max] : null;
}

/// <summary>The message is HL7 but cannot be filed as it is: answered with AE (or AR for type/version), with its code.</summary>
internal sealed class Hl7ContentException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>Unsupported message type or version: the message is rejected (AR), not in error (AE).</summary>
    public bool IsReject => Code is "200" or "201" or "203";
}
