using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>Content negotiation (Accept, <c>accept</c>) and the bodies: DICOM JSON, single images, multipart/related.</summary>
internal static class DicomWebResponses
{
    /// <summary>What to ask the plugin for, from the request; null when nothing acceptable can be produced (406).</summary>
    public static Dictionary<string, string>? Parameters(HttpContext http, ImagingResource resource)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal);
        var accept = string.Join(",", http.Request.Headers.Accept.ToArray()) + "," + http.Request.Query["accept"];
        // Frames, or a study's/series'/instance's bulk frames (type application/octet-stream instead of application/dicom).
        if (resource is ImagingResource.Frames or ImagingResource.BulkData || resource == ImagingResource.Instances && accept.Contains("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            // transfer-syntax=* (or a compressed type) asks for the frame as stored: the browser decodes it itself.
            var original = accept.Contains("transfer-syntax=*", StringComparison.OrdinalIgnoreCase)
                || accept.Contains("image/", StringComparison.OrdinalIgnoreCase)
                || accept.Contains("transfer-syntax=1.2.840.10008.1.2.4", StringComparison.OrdinalIgnoreCase)
                || accept.Contains("transfer-syntax=1.2.840.10008.1.2.5", StringComparison.OrdinalIgnoreCase);
            p["syntax"] = original ? "original" : "native";
        }

        if (resource is ImagingResource.Rendered or ImagingResource.Thumbnail)
        {
            // The accept query parameter overrides the header (PS3.18 §8.3.3.1): the most preferred acceptable type (q), first on a tie.
            var asked = http.Request.Query["accept"].ToString() is { Length: > 0 } query ? query : string.Join(",", http.Request.Headers.Accept.ToArray());
            if (RenderedFormat(asked) is not { } format)
            {
                return null;
            }

            p["format"] = format;
            foreach (var name in new[] { "window", "viewport", "quality" })
            {
                if (http.Request.Query.TryGetValue(name, out var value))
                {
                    p[name] = value.ToString();
                }
            }
        }

        return p;
    }

    /// <summary>
    /// "png" or "jpeg" for a rendered resource, from an Accept list; null: neither (406). PS3.18 §8.7.8.1: the named
    /// type of highest preference (q; first on a tie; q=0 refused), else — no Accept, or only a wildcard such as
    /// <c>*/*</c> or a browser's <c>image/*</c> — the Default, which Table 8.7.4-1 makes image/jpeg for a single-frame
    /// image. Lossless PNG only when asked by name.
    /// </summary>
    public static string? RenderedFormat(string accept)
    {
        if (accept.Trim().Length == 0)
        {
            return "jpeg";
        }

        var (named, bestQ, wildcard) = ((string?)null, 0.0, false);
        foreach (var entry in accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(';', StringSplitOptions.TrimEntries);
            var q = 1.0;
            foreach (var parameter in parts.Skip(1))
            {
                if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase) && double.TryParse(parameter[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v))
                {
                    q = v;
                }
            }

            var type = parts[0].ToLowerInvariant();
            var format = type switch
            {
                "image/png" => "png",
                "image/jpeg" or "image/jpg" => "jpeg",
                _ => null,
            };
            if (format is not null && q > bestQ)
            {
                (named, bestQ) = (format, q);
            }

            wildcard |= type is "*/*" or "image/*" && q > 0;
        }

        return named ?? (wildcard ? "jpeg" : null);
    }

    public static async Task WriteAsync(HttpContext http, ImagingResource resource, ImagingTarget target, ImagingResult result)
    {
        if (result.Status != StatusCodes.Status200OK)
        {
            http.Response.StatusCode = result.Status;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(result.Problem ?? string.Empty, http.RequestAborted);
            return;
        }

        if (result.Json is { } json)
        {
            http.Response.ContentType = "application/dicom+json";
            await http.Response.WriteAsync(json, http.RequestAborted);
            return;
        }

        var single = resource == ImagingResource.Thumbnail || resource == ImagingResource.Rendered && target.SopUid is not null;
        if (single)
        {
            var part = result.Parts[0];
            http.Response.ContentType = part.ContentType;
            http.Response.ContentLength = part.Content.Length;
            await http.Response.Body.WriteAsync(part.Content, http.RequestAborted);
            return;
        }

        var boundary = "hap-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var type = result.Streamed is not null ? "application/octet-stream" : resource switch
        {
            ImagingResource.Instances => "application/dicom",
            _ => result.Parts[0].ContentType.Split(';')[0],
        };
        http.Response.ContentType = $"multipart/related; type=\"{type}\"; boundary={boundary}";
        foreach (var part in result.Parts)
        {
            await WritePartAsync(http, boundary, part);
        }

        if (result.Streamed is { } streamed)
        {
            await foreach (var part in streamed.WithCancellation(http.RequestAborted))
            {
                await WritePartAsync(http, boundary, part);
            }
        }

        await http.Response.Body.WriteAsync(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"), http.RequestAborted);
    }

    private static async Task WritePartAsync(HttpContext http, string boundary, ImagingPart part)
    {
        var header = $"--{boundary}\r\nContent-Type: {part.ContentType}\r\n" + (part.Location is null ? string.Empty : $"Content-Location: {part.Location}\r\n") + $"Content-Length: {part.Content.Length}\r\n\r\n";
        await http.Response.Body.WriteAsync(Encoding.ASCII.GetBytes(header), http.RequestAborted);
        await http.Response.Body.WriteAsync(part.Content, http.RequestAborted);
        await http.Response.Body.WriteAsync("\r\n"u8.ToArray(), http.RequestAborted);
    }
}
