using System.Globalization;
using System.Text;

namespace HapModular.Modules.Interop.Hl7;

/// <summary>
/// Original-mode acknowledgements (HL7 v2.5 2.9.2): AA accepted (filed, held for the desk, or kept for a retry),
/// AE application error (content the portal cannot file; the sender may correct and resend), AR rejected
/// (malformed, unsupported type or version). MSA-2 echoes MSH-10; ERR carries the table 0357 code and the text.
/// </summary>
internal static class Hl7Ack
{
    public static string Build(Hl7Message? request, string code, string? errorCode, string? text, DateTimeOffset now)
    {
        string F(int n) => request?.Field("MSH", n) ?? string.Empty;
        var version = F(12).Length > 0 ? request!.Component(F(12), 1) : "2.5.1";
        var trigger = request is null ? string.Empty : request.Component(F(9), 2);
        var controlId = "HAP" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        var builder = new StringBuilder()
            .Append("MSH|^~\\&|HAPMODULAR|HAPMODULAR|").Append(Safe(F(3))).Append('|').Append(Safe(F(4))).Append('|')
            .Append(now.ToString("yyyyMMddHHmmsszzz", CultureInfo.InvariantCulture).Replace(":", string.Empty, StringComparison.Ordinal))
            .Append("||ACK^").Append(Safe(trigger)).Append("^ACK|").Append(controlId).Append("|P|").Append(Safe(version)).Append('\r')
            .Append("MSA|").Append(code).Append('|').Append(Safe(F(10)));
        if (text is not null)
        {
            builder.Append('|').Append(Escape(text));
        }

        builder.Append('\r');
        if (errorCode is not null)
        {
            builder.Append("ERR|||").Append(errorCode).Append('^').Append(Escape(text ?? string.Empty)).Append("^HL70357|E||||").Append(Escape(text ?? string.Empty)).Append('\r');
        }

        return builder.ToString();
    }

    // Fields echoed from the request were written with its delimiters; the ACK uses the standard ones.
    private static string Safe(string value) => value.Length > 180 ? value[..180] : value;

    private static string Escape(string text) => text
        .Replace("\\", "\\E\\", StringComparison.Ordinal)
        .Replace("|", "\\F\\", StringComparison.Ordinal)
        .Replace("^", "\\S\\", StringComparison.Ordinal)
        .Replace("&", "\\T\\", StringComparison.Ordinal)
        .Replace("~", "\\R\\", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal);
}
