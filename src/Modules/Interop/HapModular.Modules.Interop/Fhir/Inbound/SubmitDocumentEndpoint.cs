using HapModular.Modules.Interop.Inbox;
using HapModular.Modules.Records.Contracts;
using Hl7.Fhir.Model;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Interop.Fhir.Inbound;

/// <summary>
/// <c>POST /fhir/DocumentReference</c> and <c>POST /fhir</c> (a transaction Bundle): a hospital system files a document
/// through the same inbox as DICOM and HL7 — kept first, idempotent on the sender and <c>masterIdentifier</c>, filed on
/// the record its identifiers and name confirm or held for the desk, retried when filing fails. The sender proves
/// itself with its source-system key (<c>X-Api-Key</c>, as <c>/api/ingest</c>). Answers are FHIR's own: 201 filed
/// (200 for a resend), 202 held or retrying, 400 unreadable, 401 no key, 413 too large, 422 refused by ingestion; a
/// transaction Bundle that was processed gets its <see cref="TransactionResponse"/> instead.
/// </summary>
internal static class SubmitDocumentEndpoint
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static async Task<IResult> Post(HttpContext http)
    {
        var services = http.RequestServices;
        var sender = await services.GetRequiredService<IMediator>().Send(new AuthenticateSourceSystem(http.Request.Headers[ApiKeyHeader].ToString()), http.RequestAborted);
        if (sender is null)
        {
            return FhirResponses.Error(http, StatusCodes.Status401Unauthorized, OperationOutcome.IssueType.Security, $"Send the hospital system's key in the {ApiKeyHeader} header.");
        }

        // base64 makes a document a third larger; the JSON or XML around it is small.
        var limit = (services.GetRequiredService<IConfiguration>().GetValue(DocumentLimits.Setting, DocumentLimits.DefaultMaxBytes) * 4 / 3) + (1024 * 1024);
        if (http.Request.ContentLength > limit)
        {
            return FhirResponses.Error(http, StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooCostly, $"The limit is {limit} bytes.");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        byte[] raw;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            raw = buffer.ToArray();
        }
        catch (BadHttpRequestException)
        {
            return FhirResponses.Error(http, StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooCostly, $"The limit is {limit} bytes.");
        }

        var pipeline = services.GetRequiredService<InboundPipeline>();
        FhirSubmission submission;
        try
        {
            submission = FhirSubmissions.Read(raw);
        }
        catch (FhirSubmissionException ex)
        {
            // Kept as refused, so the administrator sees what came and why.
            await pipeline.KeepRefusedAsync(InboundSources.Fhir, sender, raw, ex.Message, http.RequestAborted);
            return FhirResponses.Invalid(http, ex.Message);
        }

        var (kept, isNew) = await pipeline.AcceptAsync(InboundSources.Fhir, sender, sender + "|" + submission.Key, raw, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        return submission.Entries is { } entries
            ? TransactionResponse.Answer(http, kept, isNew, entries, submission.Batch) ?? Answer(http, kept, isNew)
            : Answer(http, kept, isNew);
    }

    private static IResult Answer(HttpContext http, InboundMessage kept, bool isNew)
    {
        switch (kept.Status)
        {
            case InboundStatus.Filed when kept.DocumentId is { } documentId:
                http.Response.Headers.Location = $"{SearchBundles.BaseUrl(http.Request)}/DocumentReference/{FhirIds.Of(documentId)}";
                // The first filing is 201; a resend of the same document (or one the record already had) is 200.
                var created = isNew && kept.Reason is null;
                return Outcome(http, created ? StatusCodes.Status201Created : StatusCodes.Status200OK, OperationOutcome.IssueSeverity.Information, created ? "Filed." : "Already filed.");
            case InboundStatus.Held:
                return Outcome(http, StatusCodes.Status202Accepted, OperationOutcome.IssueSeverity.Warning, "Held for the hospital desk: " + kept.Reason);
            case InboundStatus.Refused:
                return FhirResponses.Error(http, StatusCodes.Status422UnprocessableEntity, OperationOutcome.IssueType.BusinessRule, kept.Reason ?? "Refused.");
            default:
                return Outcome(http, StatusCodes.Status202Accepted, OperationOutcome.IssueSeverity.Warning, "Kept; filing will be retried.");
        }
    }

    private static IResult Outcome(HttpContext http, int status, OperationOutcome.IssueSeverity severity, string text) =>
        FhirResponses.Resource(http, new OperationOutcome
        {
            Issue = [new OperationOutcome.IssueComponent { Severity = severity, Code = OperationOutcome.IssueType.Informational, Diagnostics = text }],
        }, status);
}
