using System.Text.Json;

namespace HapModular.Viewers.Text.Fhir;

/// <summary>FHIR R4 JSON reports (System.Text.Json; the full FHIR SDK is not needed to read four resource types).</summary>
internal sealed class FhirViewer : IViewer
{
    public ViewerDescriptor Descriptor { get; } = new("text.fhir", "FHIR R4 report", ["application/fhir+json", "application/json+fhir"], [], ReportPage.SearchModule);

    public int Match(DocumentMetadata metadata) =>
        Descriptor.MediaTypes.Contains(metadata.MediaType, StringComparer.OrdinalIgnoreCase) ? MatchScore.MediaType : MatchScore.None;

    public ValueTask<InspectionResult> InspectAsync(ViewerContent content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var doc = Parse(content, out var reason);
        if (doc is null)
        {
            return ValueTask.FromResult(InspectionResult.Failed(reason));
        }

        var r = doc.RootElement;
        var root = r;
        if (FhirJson.Str(r, "resourceType") == "Bundle" && FhirJson.Array(r, "entry").Select(e => FhirJson.Obj(e, "resource")).OfType<JsonElement>().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first)
        {
            r = first;
        }

        var title = FhirJson.Concept(FhirJson.Obj(r, "code")) ?? FhirJson.Concept(FhirJson.Obj(r, "type"));
        var date = FhirJson.Str(r, "effectiveDateTime") ?? FhirJson.Str(r, "date") ?? FhirJson.Str(r, "issued");
        return ValueTask.FromResult(new InspectionResult
        {
            Title = title,
            ClinicalDate = FhirJson.ParseDate(date),
            Identity = FhirFacts.Identity(root, r),
            Kind = FhirFacts.Kind(r),
        });
    }

    public ValueTask<RenderResult> RenderAsync(ViewerContent content, RenderRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var doc = Parse(content, out var reason);
        if (doc is null)
        {
            return ValueTask.FromResult(RenderResult.CannotDisplay(reason));
        }

        if (request.Target == "pdf")
        {
            var n = request.GetInt("att", 0);
            var attachment = FhirAttachments.All(doc.RootElement).Skip(n - 1).Take(n > 0 ? 1 : 0).ToList();
            return ValueTask.FromResult(Pdf.PdfBytes.Serve(attachment.Count == 1 ? FhirAttachments.Data(attachment[0]) : null));
        }

        var html = ReportPage.Open("fhir", request.Culture);
        new FhirRenderer(request).Resource(doc.RootElement, html, 2);
        return ValueTask.FromResult(RenderResult.Html(ReportPage.Close(html)));
    }

    private static JsonDocument? Parse(ViewerContent content, out string reason)
    {
        reason = "The file is not FHIR JSON.";
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(content.Data, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = false });
        }
        catch (JsonException)
        {
            return null;
        }

        var type = doc.RootElement.ValueKind == JsonValueKind.Object ? FhirJson.Str(doc.RootElement, "resourceType") : null;
        if (type is null || !FhirRenderer.Supported.Contains(type))
        {
            reason = type is null ? reason : $"FHIR resources of type {type} are not shown by this viewer.";
            doc.Dispose();
            return null;
        }

        return doc;
    }
}
