using HapModular.Modules.Records.Contracts;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace HapModular.Modules.Interop.Fhir.Inbound;

/// <summary>A document a hospital system submitted over FHIR, read into what Records files.</summary>
/// <param name="Key">The document's business identifier (<c>masterIdentifier</c> system|value): a resend is not a duplicate.</param>
internal sealed record FhirSubmission(string Key, InboundPatient Patient, byte[] Content, InboundDetails Details)
{
    /// <summary>For a transaction (or batch) Bundle: its entries' resource types, in order, for the response Bundle.</summary>
    public IReadOnlyList<string>? Entries { get; init; }

    /// <summary>Whether the Bundle was a batch (answered <c>batch-response</c>) rather than a transaction.</summary>
    public bool Batch { get; init; }
}

/// <summary>Why a submission cannot be read (400 with an OperationOutcome; nothing filed).</summary>
internal sealed class FhirSubmissionException(string message) : Exception(message);

/// <summary>
/// Reads a <c>DocumentReference</c> (the patient as a contained <c>Patient</c>, the bytes in <c>attachment.data</c>) or
/// a transaction <c>Bundle</c> (DocumentReference + Patient + Binary, joined by <c>fullUrl</c>), parsed by the Firely
/// SDK in JSON or XML. The patient must carry the NISS or the hospital's patient id and a family name: Records then
/// files on the matching record or holds the document for the desk — never on a guessed one.
/// </summary>
internal static class FhirSubmissions
{
    public static FhirSubmission Read(ReadOnlySpan<byte> raw) => From(Parse(raw));

    /// <summary>JSON or XML, by the first non-blank character (so a retry reads the kept bytes exactly as the first time).</summary>
    public static Resource Parse(ReadOnlySpan<byte> raw)
    {
        var text = System.Text.Encoding.UTF8.GetString(raw).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        try
        {
            return text.StartsWith('<')
                ? new FhirXmlDeserializer(new DeserializerSettings()).DeserializeResource(text)
                : new FhirJsonDeserializer(new DeserializerSettings()).DeserializeResource(text);
        }
        catch (DeserializationFailedException ex)
        {
            throw new FhirSubmissionException("Not a valid FHIR R4 resource: " + string.Join("; ", ex.Exceptions.Take(5).Select(e => e.Message)));
        }
        catch (Exception ex) when (ex is FormatException or System.Xml.XmlException or System.Text.Json.JsonException)
        {
            throw new FhirSubmissionException("Not a valid FHIR R4 resource: " + ex.Message);
        }
    }

    private static FhirSubmission From(Resource resource) => resource switch
    {
        DocumentReference document => From(document, reference => document.Contained.FirstOrDefault(c => "#" + c.Id == reference)),
        Bundle { Type: Bundle.BundleType.Transaction or Bundle.BundleType.Batch } bundle => FromBundle(bundle),
        Bundle => throw new FhirSubmissionException("A Bundle must be of type transaction (DocumentReference, Patient and Binary)."),
        _ => throw new FhirSubmissionException($"Expected a DocumentReference or a transaction Bundle, not {resource.TypeName}."),
    };

    private static FhirSubmission FromBundle(Bundle bundle)
    {
        var documents = bundle.Entry.Select(e => e.Resource).OfType<DocumentReference>().ToList();
        if (documents.Count != 1)
        {
            throw new FhirSubmissionException("The transaction Bundle must hold exactly one DocumentReference.");
        }

        // Every entry gets its own response entry: one the portal does not act on cannot be answered truthfully.
        if (bundle.Entry.FirstOrDefault(e => e.Resource is not (DocumentReference or Patient or Binary)) is { } other)
        {
            throw new FhirSubmissionException($"The transaction Bundle may hold only the DocumentReference, its Patient and its Binary, not {other.Resource?.TypeName ?? "an empty entry"}.");
        }

        Resource? Find(string? reference) => reference is null
            ? null
            : bundle.Entry.FirstOrDefault(e => e.FullUrl == reference || (e.Resource is { } r && $"{r.TypeName}/{r.Id}" == reference))?.Resource;
        return From(documents[0], Find) with
        {
            Entries = [.. bundle.Entry.Select(e => e.Resource!.TypeName)],
            Batch = bundle.Type == Bundle.BundleType.Batch,
        };
    }

    private static FhirSubmission From(DocumentReference document, Func<string?, Resource?> resolve)
    {
        if (document.MasterIdentifier is not { Value: { Length: > 0 } value } master)
        {
            throw new FhirSubmissionException("DocumentReference.masterIdentifier (system and value) is required: it makes a resend harmless.");
        }

        if (document.Status == DocumentReferenceStatus.EnteredInError)
        {
            throw new FhirSubmissionException("A DocumentReference entered in error is not filed.");
        }

        var patient = resolve(document.Subject?.Reference) as Patient
            ?? throw new FhirSubmissionException("DocumentReference.subject must reference the Patient (contained, or an entry of the Bundle) with the NISS or the hospital's patient id, name and birth date.");
        var attachment = document.Content.Select(c => c.Attachment).FirstOrDefault()
            ?? throw new FhirSubmissionException("DocumentReference.content.attachment is required.");
        var content = attachment.Data ?? (resolve(attachment.Url) as Binary)?.Data;
        if (content is not { Length: > 0 })
        {
            throw new FhirSubmissionException("The document's bytes are missing: attachment.data, or attachment.url to a Binary in the Bundle.");
        }

        return new FhirSubmission(
            (master.System is { Length: > 0 } system ? system + "|" : string.Empty) + value,
            InboundPatientOf(patient),
            content,
            DetailsOf(document, attachment));
    }

    private static InboundPatient InboundPatientOf(Patient patient)
    {
        var niss = patient.Identifier.FirstOrDefault(i => i.System == Patients.PatientEndpoints.NissSystem)?.Value;
        var hospitalId = patient.Identifier
            .Where(i => i.System != Patients.PatientEndpoints.NissSystem && i.Value is { Length: > 0 })
            .OrderByDescending(i => i.Type?.Coding.Any(c => c.Code == "MR") == true)
            .FirstOrDefault()?.Value;
        var name = patient.Name.FirstOrDefault(n => n.Use is null or HumanName.NameUse.Official or HumanName.NameUse.Usual);
        if (niss is null && hospitalId is null)
        {
            throw new FhirSubmissionException($"The Patient needs an identifier: the NISS ({Patients.PatientEndpoints.NissSystem}) or the hospital's patient id.");
        }

        if (name?.Family is not { Length: > 0 } family)
        {
            throw new FhirSubmissionException("The Patient's family name is required to confirm the record.");
        }

        // A birth date to the day is compared; a partial one (year only) is not a check, so it is not passed on as one.
        DateOnly? birth = DateOnly.TryParseExact(patient.BirthDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null;
        return new InboundPatient(niss, hospitalId, family, name.Given.FirstOrDefault(), birth);
    }

    private static InboundDetails DetailsOf(DocumentReference document, Attachment attachment)
    {
        var kind = document.Category.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == Documents.DocumentCategories.System)?.Code;
        var date = document.Date ?? (document.Context?.Period?.StartElement?.ToDateTimeOffset(TimeSpan.Zero));
        return new InboundDetails(
            attachment.Title,
            document.Description ?? attachment.Title ?? document.Type?.Text,
            kind is not null && Documents.DocumentCategories.Display.ContainsKey(kind) ? kind : null,
            date,
            document.Context?.PracticeSetting?.Text ?? document.Context?.PracticeSetting?.Coding.FirstOrDefault()?.Display,
            document.Author.FirstOrDefault()?.Display);
    }
}
