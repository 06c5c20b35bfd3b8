using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Ingestion;

/// <summary>
/// <c>POST /api/ingest</c> for hospital systems: header <c>X-Api-Key</c>, multipart parts <c>content</c> (the file)
/// and <c>metadata</c> (JSON, see <see cref="IngestMetadata"/>). 201 created, 200 already there (same source id),
/// 4xx problem details otherwise.
/// </summary>
internal static class IngestEndpoint
{
    public const string ApiKeyHeader = "X-Api-Key";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/ingest", HandleAsync).DisableAntiforgery().WithName("IngestDocument");

    private static async Task<IResult> HandleAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var source = await services.GetRequiredService<SourceSystemKeys>().AuthenticateAsync(http.Request.Headers[ApiKeyHeader].ToString(), cancellationToken);
        if (source is null)
        {
            return Results.Problem(statusCode: 401, title: "Unknown API key", detail: "Send the source system's key in the X-Api-Key header.");
        }

        var ingestor = services.GetRequiredService<DocumentIngestor>();
        if (!http.Request.HasFormContentType)
        {
            return Results.Problem(statusCode: 415, title: "Multipart expected", detail: "Send multipart/form-data with parts 'content' and 'metadata'.");
        }

        if (http.Request.ContentLength > ingestor.MaxBytes + (1024 * 1024))
        {
            return Results.Problem(statusCode: 413, title: "Document too large", detail: $"The limit is {ingestor.MaxBytes} bytes.");
        }

        var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = ingestor.MaxBytes + (1024 * 1024);
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = ingestor.MaxBytes + (1024 * 1024) }, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Results.Problem(statusCode: 400, title: "Unreadable upload", detail: "The multipart body could not be read or exceeds the size limit.");
        }

        var file = form.Files["content"];
        if (file is null)
        {
            return Results.Problem(statusCode: 400, title: "Missing content", detail: "The 'content' file part is required.");
        }

        IngestMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<IngestMetadata>(form["metadata"].ToString() is { Length: > 0 } text ? text : "null", Json);
        }
        catch (JsonException)
        {
            metadata = null;
        }

        if (metadata is null)
        {
            return Results.Problem(statusCode: 400, title: "Invalid metadata", detail: "The 'metadata' part must be a JSON object.");
        }

        if (file.Length > ingestor.MaxBytes)
        {
            return Results.Problem(statusCode: 413, title: "Document too large", detail: $"The limit is {ingestor.MaxBytes} bytes.");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        var outcome = await ingestor.IngestAsync(source, metadata with { FileName = metadata.FileName ?? file.FileName }, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        return outcome.Accepted
            ? Results.Json(new { documentId = outcome.DocumentId, created = outcome.Created, mediaType = outcome.MediaType }, statusCode: outcome.Status)
            : Results.Problem(statusCode: outcome.Status, title: outcome.Title, detail: outcome.Reason);
    }
}
