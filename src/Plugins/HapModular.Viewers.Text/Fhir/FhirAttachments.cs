using System.Text.Json;

namespace HapModular.Viewers.Text.Fhir;

/// <summary>
/// Every Attachment in a resource, in one fixed document order, so the view and the <c>pdf?att=n</c> target
/// agree on numbering without the view having to carry the data.
/// </summary>
internal static class FhirAttachments
{
    public static IEnumerable<JsonElement> All(JsonElement resource)
    {
        switch (FhirJson.Str(resource, "resourceType"))
        {
            case "Bundle":
                foreach (var entry in FhirJson.Array(resource, "entry"))
                {
                    if (FhirJson.Obj(entry, "resource") is { } inner)
                    {
                        foreach (var a in All(inner))
                        {
                            yield return a;
                        }
                    }
                }

                break;
            case "DiagnosticReport":
                foreach (var a in FhirJson.Array(resource, "presentedForm"))
                {
                    yield return a;
                }

                break;
            case "DocumentReference":
                foreach (var content in FhirJson.Array(resource, "content"))
                {
                    if (FhirJson.Obj(content, "attachment") is { } a)
                    {
                        yield return a;
                    }
                }

                break;
            case "Observation":
                if (FhirJson.Obj(resource, "valueAttachment") is { } v)
                {
                    yield return v;
                }

                break;
        }
    }

    public static byte[]? Data(JsonElement attachment) =>
        FhirJson.Str(attachment, "data") is { } b64 ? Pdf.PdfBytes.FromBase64(b64) : null;

    public static bool IsPdf(JsonElement attachment) =>
        (FhirJson.Str(attachment, "contentType") ?? string.Empty).StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase);
}
