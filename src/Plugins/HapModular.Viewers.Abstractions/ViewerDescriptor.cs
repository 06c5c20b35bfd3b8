namespace HapModular.Viewers;

/// <summary>Describes a viewer to the host and to the admin page that lists plugins.</summary>
/// <param name="Id">Stable identifier, unique across plugins (e.g. <c>text.plain</c>).</param>
/// <param name="DisplayName">Human name, in English (the UI translates known ids).</param>
/// <param name="MediaTypes">Media types the viewer shows (e.g. <c>text/plain</c>, <c>application/dicom</c>).</param>
/// <param name="SopClassUids">DICOM SOP class UIDs the viewer shows; empty for non-DICOM viewers.</param>
/// <param name="ClientModule">
/// Optional JavaScript module, relative to the plugin's <c>wwwroot</c> folder, that the host loads with the
/// viewer's HTML (HTML fragments themselves never carry script).
/// </param>
public sealed record ViewerDescriptor(
    string Id,
    string DisplayName,
    IReadOnlyList<string> MediaTypes,
    IReadOnlyList<string> SopClassUids,
    string? ClientModule = null);

/// <summary>What the host knows about a document before reading it.</summary>
/// <param name="MediaType">Media type detected from the bytes at ingestion (e.g. <c>application/pdf</c>).</param>
/// <param name="FileName">Original file name, if any; only a hint.</param>
/// <param name="SopClassUid">DICOM SOP class UID, when the document is DICOM and it is known.</param>
/// <param name="Kind">The record's document kind (report, imaging, device-report, photo, lab, other), if known.</param>
public sealed record DocumentMetadata(string MediaType, string? FileName = null, string? SopClassUid = null, string? Kind = null);

/// <summary>A document handed to a viewer: its metadata and its whole content.</summary>
/// <param name="Metadata">What the host knows about it.</param>
/// <param name="Data">The original bytes, exactly as ingested (hash verified by the host).</param>
public sealed record ViewerContent(DocumentMetadata Metadata, ReadOnlyMemory<byte> Data);
