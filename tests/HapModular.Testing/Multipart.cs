using System.Text;

namespace HapModular.Testing;

/// <summary>Reads a <c>multipart/related</c> response (DICOMweb) into its parts, bytes untouched.</summary>
public static class Multipart
{
    /// <summary>One part: its Content-Type and body.</summary>
    /// <param name="ContentType">The part's Content-Type header.</param>
    /// <param name="Body">The part's bytes.</param>
    public sealed record Part(string ContentType, byte[] Body);

    /// <summary>Splits the response at its boundary.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The parts.</returns>
    public static async Task<IReadOnlyList<Part>> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var boundary = response.Content.Headers.ContentType?.Parameters.FirstOrDefault(p => p.Name == "boundary")?.Value?.Trim('"')
            ?? throw new InvalidOperationException("no boundary");
        var body = await response.Content.ReadAsByteArrayAsync();
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<Part>();
        var at = IndexOf(body, delimiter, 0);
        while (at >= 0)
        {
            var start = at + delimiter.Length;
            if (start + 1 < body.Length && body[start] == '-' && body[start + 1] == '-')
            {
                break;
            }

            var headersEnd = IndexOf(body, "\r\n\r\n"u8.ToArray(), start);
            var headers = Encoding.ASCII.GetString(body, start, headersEnd - start);
            var next = IndexOf(body, delimiter, headersEnd + 4);
            var contentEnd = next - 2; // the CRLF before the next delimiter
            var type = headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?["Content-Type:".Length..].Trim() ?? string.Empty;
            parts.Add(new Part(type, body[(headersEnd + 4)..contentEnd]));
            at = next;
        }

        return parts;
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from) =>
        haystack.AsSpan(from).IndexOf(needle) is var i and >= 0 ? from + i : -1;
}
