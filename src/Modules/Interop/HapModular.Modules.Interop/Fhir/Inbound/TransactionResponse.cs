using HapModular.Modules.Interop.Inbox;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace HapModular.Modules.Interop.Fhir.Inbound;

/// <summary>
/// The answer to a transaction (or batch) Bundle that was processed: a <c>transaction-response</c> Bundle (200) with one
/// entry per request entry, in order. The transaction stays all or nothing — one document, filed or held as a whole:
/// filed, the DocumentReference and its Binary are created (<c>201</c>, or <c>200</c> for a resend) at the document's
/// id and the Patient entry names the record it matched (<c>200</c>, never created here); held for the desk or waiting
/// for a retry, every entry is <c>202</c> with the reason and no location. A refusal is no response Bundle: the
/// transaction failed, and its OperationOutcome says why (null here; the caller answers it).
/// </summary>
internal static class TransactionResponse
{
    public static IResult? Answer(HttpContext http, InboundMessage kept, bool isNew, IReadOnlyList<string> entries, bool batch)
    {
        if (kept.Status is InboundStatus.Refused or InboundStatus.Dead or InboundStatus.Discarded)
        {
            return null;
        }

        var bundle = new Bundle { Type = batch ? Bundle.BundleType.BatchResponse : Bundle.BundleType.TransactionResponse };
        var filed = kept.Status == InboundStatus.Filed && kept.DocumentId is not null;
        var created = isNew && kept.Reason is null;
        foreach (var type in entries)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { Response = filed ? Filed(type, kept, created) : Waiting(kept) });
        }

        return FhirResponses.Resource(http, bundle);
    }

    private static Bundle.ResponseComponent Filed(string type, InboundMessage kept, bool created) => type switch
    {
        nameof(Patient) when kept.PatientId is { } patientId => new Bundle.ResponseComponent { Status = "200 OK", Location = $"Patient/{FhirIds.Of(patientId)}" },
        _ => new Bundle.ResponseComponent
        {
            // The Binary is the document's original bytes: the same id, as /fhir/Binary/{id} serves it.
            Status = created ? "201 Created" : "200 OK",
            Location = $"{type}/{FhirIds.Of(kept.DocumentId!.Value)}/_history/1",
            Etag = "W/\"1\"",
            LastModified = kept.ReceivedAt,
        },
    };

    private static Bundle.ResponseComponent Waiting(InboundMessage kept) => new()
    {
        Status = "202 Accepted",
        Outcome = new OperationOutcome
        {
            Issue =
            [
                new OperationOutcome.IssueComponent
                {
                    Severity = OperationOutcome.IssueSeverity.Warning,
                    Code = OperationOutcome.IssueType.Informational,
                    Diagnostics = kept.Status == InboundStatus.Held ? "Held for the hospital desk: " + kept.Reason : "Kept; filing will be retried.",
                },
            ],
        },
    };
}
