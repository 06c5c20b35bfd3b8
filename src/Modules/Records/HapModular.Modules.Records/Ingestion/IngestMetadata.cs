namespace HapModular.Modules.Records.Ingestion;

/// <summary>What a hospital system says about a document it sends (the <c>metadata</c> JSON part).</summary>
internal sealed record IngestMetadata
{
    /// <summary>The document's id in the sending system; re-sending it is idempotent.</summary>
    public string? SourceId { get; init; }

    /// <summary>The patient, by record id…</summary>
    public Guid? PatientId { get; init; }

    /// <summary>…or by NISS digits (matched on the keyed hash).</summary>
    public string? PatientNiss { get; init; }

    public string? Title { get; init; }

    /// <summary>report, imaging, device-report, photo, lab or other; inferred from the content when absent.</summary>
    public string? Kind { get; init; }

    public DateTimeOffset? ClinicalDate { get; init; }

    public string? Department { get; init; }

    public string? Author { get; init; }

    /// <summary>The author's INAMI number (11 digits), when the author is a physician: lets the author mask it later (R6).</summary>
    public string? AuthorInami { get; init; }

    /// <summary>R6 embargo category (e.g. <c>pathology</c>); its embargo days come from <c>Records:Embargo:{category}</c>.</summary>
    public string? EmbargoCategory { get; init; }

    /// <summary>R6 masking at ingestion: <c>author</c>, <c>patient</c> or <c>hospital</c>.</summary>
    public string? MaskedBy { get; init; }

    /// <summary>Original file name (a hint for detection and the download name).</summary>
    public string? FileName { get; init; }
}

/// <summary>The result of an ingestion: accepted (new or already there) or refused with a status and a reason.</summary>
internal sealed record IngestOutcome(bool Accepted, Guid? DocumentId, bool Created, string? MediaType, int Status, string? Title, string? Reason)
{
    public static IngestOutcome Ok(Guid id, bool created, string mediaType) => new(true, id, created, mediaType, created ? 201 : 200, null, null);

    public static IngestOutcome Refuse(int status, string title, string reason) => new(false, null, false, null, status, title, reason);
}
