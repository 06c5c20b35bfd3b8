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
        if (resource == ImagingResource.Frames)
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
            var wantsPng = accept.Trim(',').Length == 0 || accept.Contains("image/png", StringComparison.OrdinalIgnoreCase)
                || accept.Contains("*/*", StringComparison.Ordinal) || accept.Contains("image/*", StringComparison.Ordinal);
            if (!wantsPng)
            {
                return null;
            }

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
        var type = resource switch
        {
            ImagingResource.Instances => "application/dicom",
            ImagingResource.Frames => result.Parts[0].ContentType.Split(';')[0],
            _ => "image/png",
        };
        http.Response.ContentType = $"multipart/related; type=\"{type}\"; boundary={boundary}";
        foreach (var part in result.Parts)
        {
            var header = $"--{boundary}\r\nContent-Type: {part.ContentType}\r\n" + (part.Location is null ? string.Empty : $"Content-Location: {part.Location}\r\n") + $"Content-Length: {part.Content.Length}\r\n\r\n";
            await http.Response.Body.WriteAsync(Encoding.ASCII.GetBytes(header), http.RequestAborted);
            await http.Response.Body.WriteAsync(part.Content, http.RequestAborted);
            await http.Response.Body.WriteAsync("\r\n"u8.ToArray(), http.RequestAborted);
        }

        await http.Response.Body.WriteAsync(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"), http.RequestAborted);
    }
}
