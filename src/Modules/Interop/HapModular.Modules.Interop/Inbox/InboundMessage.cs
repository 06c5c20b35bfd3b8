namespace HapModular.Modules.Interop.Inbox;

/// <summary>One message a hospital system sent, as kept: its raw bytes are a blob; its status says what became of it.</summary>
internal sealed record InboundMessage(
    Guid Id,
    string Source,
    string Sender,
    string MessageKey,
    string BlobSha256,
    long Size,
    DateTimeOffset ReceivedAt,
    string Status,
    string? Reason,
    Guid? PatientId,
    Guid? DocumentId,
    int Attempts);

/// <summary>The statuses of an inbound message.</summary>
internal static class InboundStatus
{
    /// <summary>Kept, not yet filed (filing runs next, or after a failure in a retry job).</summary>
    public const string Received = "received";

    public const string Filed = "filed";

    /// <summary>Unknown patient or identity mismatch: kept for the desk, never filed on a record.</summary>
    public const string Held = "held";

    /// <summary>Content refused by the ingestion (unreadable, unsupported).</summary>
    public const string Refused = "refused";

    /// <summary>Filing failed (database, storage); a retry job is queued.</summary>
    public const string Failed = "failed";

    /// <summary>Every retry failed: in the dead-letter list for an administrator.</summary>
    public const string Dead = "dead";

    /// <summary>Discarded by an administrator from the dead-letter or held list.</summary>
    public const string Discarded = "discarded";
}

/// <summary>The inbound sources.</summary>
internal static class InboundSources
{
    public const string Dicom = "dicom";
    public const string Hl7 = "hl7";
    public const string Fhir = "fhir";

    public static readonly IReadOnlyList<string> All = [Dicom, Hl7, Fhir];
}
