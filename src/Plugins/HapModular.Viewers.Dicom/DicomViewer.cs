using HapModular.Dicom;
using HapModular.Dicom.Imaging;
using HapModular.Viewers.Dicom.DicomWeb;

namespace HapModular.Viewers.Dicom;

/// <summary>
/// DICOM objects: images (view, frame PNG, raw modality values, meta), structured reports (HTML) and
/// encapsulated PDF (handed to the PDF viewer). Waveforms are left to the device-report viewer.
/// </summary>
internal sealed class DicomViewer : IViewer
{
    public const string MediaType = "application/dicom";

    public ViewerDescriptor Descriptor { get; } = new(
        "hapmodular.dicom",
        "DICOM images, structured reports and encapsulated PDF",
        [MediaType],
        SopClasses.Declared,
        "dicom-viewer.js");

    public int Match(DocumentMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (SopClasses.IsWaveform(metadata.SopClassUid))
        {
            return MatchScore.None;
        }

        if (metadata.SopClassUid is { } uid && SopClasses.Declared.Contains(uid))
        {
            return MatchScore.SopClass;
        }

        return string.Equals(metadata.MediaType, MediaType, StringComparison.OrdinalIgnoreCase) ? MatchScore.MediaType : MatchScore.None;
    }

    public ValueTask<InspectionResult> InspectAsync(ViewerContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        cancellationToken.ThrowIfCancellationRequested();
        if (!DicomFile.TryRead(content.Data, out var file, out var error))
        {
            return ValueTask.FromResult(InspectionResult.Failed("Not a readable DICOM file: " + error));
        }

        try
        {
            return ValueTask.FromResult(Inspector.Inspect(file!, cancellationToken));
        }
        catch (DicomReadException ex)
        {
            // An attribute the record needs (patient, UIDs, dates, frames) holds a value of the wrong type.
            return ValueTask.FromResult(InspectionResult.Failed("Not a readable DICOM file: " + ex.Message));
        }
    }

    public ValueTask<RenderResult> RenderAsync(ViewerContent content, RenderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (request.Target == DicomWebTargets.Dictionary)
        {
            // The data dictionary's keywords, for QIDO-RS matching and includefield by keyword (no content needed).
            return ValueTask.FromResult(RenderResult.Json(DicomWebTargets.DictionaryJson()));
        }

        if (!DicomFile.TryRead(content.Data, out var file, out var error))
        {
            return ValueTask.FromResult(RenderResult.CannotDisplay("Not a readable DICOM file: " + error));
        }

        try
        {
            return ValueTask.FromResult(Render(file!, content, request, cancellationToken));
        }
        catch (Exception ex) when (ex is DicomImageException or DicomReadException)
        {
            // Includes attributes whose value cannot be read (strict reads): the reason names the element.
            return ValueTask.FromResult(RenderResult.CannotDisplay("The image cannot be shown: " + ex.Message));
        }
    }

    private static RenderResult Render(DicomFile file, ViewerContent content, RenderRequest request, CancellationToken cancellationToken)
    {
        var ds = file.Dataset;
        if (DicomWebTargets.Handles(request.Target))
        {
            return DicomWebTargets.Render(file, request, cancellationToken);
        }

        var sopClass = ds.GetString(DicomTags.SopClassUid) ?? file.Meta.GetString(DicomTags.MediaStorageSopClassUid);
        if (SopClasses.IsWaveform(sopClass))
        {
            // Same bytes, announced as a device report: the host picks the waveform viewer for it.
            return RenderResult.HandOff(content with { Metadata = new DocumentMetadata(MediaType, content.Metadata.FileName, sopClass, "device-report") });
        }

        if (ds.TryGetBytes(DicomTags.EncapsulatedDocument, out var document))
        {
            var mime = ds.GetString(DicomTags.MimeTypeOfEncapsulatedDocument) ?? "application/pdf";
            var bytes = EncapsulatedPdf.Trim(document);
            return request.Target == "pdf"
                ? RenderResult.Binary(bytes, mime)
                : RenderResult.HandOff(new ViewerContent(new DocumentMetadata(mime, "document.pdf"), bytes));
        }

        if (SopClasses.IsStructuredReport(sopClass) || ds.Contains(DicomTags.ContentSequence) && !ds.Contains(DicomTags.PixelData))
        {
            return request.Target == RenderTargets.View
                ? RenderResult.Html(StructuredReportHtml.Render(ds, request.Culture))
                : RenderResult.CannotDisplay($"A structured report has only the view target, not '{request.Target}'.");
        }

        if (!ds.Contains(DicomTags.PixelData))
        {
            return RenderResult.CannotDisplay("This DICOM object has no image, report or document to show (no Pixel Data).");
        }

        var image = DicomImage.Create(file);
        cancellationToken.ThrowIfCancellationRequested();
        return ImageTargets.Render(image, request, cancellationToken);
    }
}
