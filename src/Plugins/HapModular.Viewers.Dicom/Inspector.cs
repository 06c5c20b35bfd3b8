using System.Globalization;
using HapModular.Dicom;
using HapModular.Dicom.Imaging;

namespace HapModular.Viewers.Dicom;

/// <summary>What the record stores beside a DICOM object: patient keys, UIDs, dates, descriptions, a thumbnail.</summary>
internal static class Inspector
{
    private const int ThumbnailSide = 256;

    public static InspectionResult Inspect(DicomFile file, CancellationToken cancellationToken)
    {
        // The SDK contract: truncated content is refused at ingestion. The reader keeps what there is of cut pixel
        // data (so a viewer can say which frame is short) and says so in a warning; at ingestion that is a refusal.
        if (file.Warnings.FirstOrDefault(w => w.Contains("truncated", StringComparison.Ordinal)) is { } cut)
        {
            return InspectionResult.Failed("The DICOM file is truncated: " + cut);
        }

        var ds = file.Dataset;
        var keys = new Dictionary<string, string>();
        void Put(string key, DicomTag tag)
        {
            var value = ds.GetString(tag);
            if (!string.IsNullOrWhiteSpace(value))
            {
                keys[key] = value.Trim();
            }
        }

        Put(InspectionKeys.PatientId, DicomTags.PatientId);
        Put(InspectionKeys.PatientName, DicomTags.PatientName);
        Put(InspectionKeys.StudyInstanceUid, DicomTags.StudyInstanceUid);
        Put(InspectionKeys.SeriesInstanceUid, DicomTags.SeriesInstanceUid);
        Put(InspectionKeys.SopInstanceUid, DicomTags.SopInstanceUid);
        Put(InspectionKeys.SopClassUid, DicomTags.SopClassUid);
        Put(InspectionKeys.Modality, DicomTags.Modality);
        Put(InspectionKeys.SeriesDescription, DicomTags.SeriesDescription);
        Put(InspectionKeys.SeriesNumber, DicomTags.SeriesNumber);
        Put(InspectionKeys.BodyPart, DicomTags.BodyPartExamined);
        if (DicomDates.TryParseDate(ds.GetString(DicomTags.PatientBirthDate), out var birth))
        {
            keys[InspectionKeys.PatientBirthDate] = birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (ds.Contains(DicomTags.PixelData))
        {
            keys[InspectionKeys.NumberOfFrames] = Math.Max(1, ds.GetInt(DicomTags.NumberOfFrames, 1)).ToString(CultureInfo.InvariantCulture);
        }

        var warnings = file.Warnings.ToList();
        byte[]? thumbnail = null;
        if (ds.Contains(DicomTags.PixelData))
        {
            try
            {
                var image = DicomImage.Create(file);
                cancellationToken.ThrowIfCancellationRequested();
                thumbnail = PngWriter.Encode(image.Render(0, VoiChoice.Default).Fit(ThumbnailSide));
                warnings.AddRange(image.Description.Assumptions);
            }
            catch (Exception ex) when (ex is DicomImageException or DicomReadException)
            {
                warnings.Add("no thumbnail: " + ex.Message);
            }
        }

        DateOnly? born = keys.TryGetValue(InspectionKeys.PatientBirthDate, out _) ? birth : null;
        var identity = new FileIdentity
        {
            Name = keys.GetValueOrDefault(InspectionKeys.PatientName),
            BirthDate = born,
            Id = keys.GetValueOrDefault(InspectionKeys.PatientId),
            Source = "DICOM",
        };
        return new InspectionResult
        {
            Title = Title(ds),
            Identity = identity.IsEmpty ? null : identity,
            ClinicalDate = DicomDates.Clinical(ds),
            Thumbnail = thumbnail,
            ThumbnailMediaType = thumbnail is null ? null : "image/png",
            Keys = keys,
            Warnings = warnings,
        };
    }

    private static string? Title(DicomDataset ds)
    {
        foreach (var tag in new[] { DicomTags.StudyDescription, DicomTags.SeriesDescription, DicomTags.DocumentTitle })
        {
            var s = ds.GetString(tag);
            if (!string.IsNullOrWhiteSpace(s))
            {
                return s.Trim();
            }
        }

        var concept = ds.GetSequence(DicomTags.ConceptNameCodeSequence).FirstOrDefault()?.GetString(DicomTags.CodeMeaning);
        if (!string.IsNullOrWhiteSpace(concept))
        {
            return concept.Trim();
        }

        var modality = ds.GetString(DicomTags.Modality);
        return string.IsNullOrWhiteSpace(modality) ? null : modality.Trim();
    }
}
