namespace HapModular.Dicom.Imaging;

/// <summary>
/// Modality and VOI attributes that apply to one frame: per-frame functional group, else shared functional group,
/// else the top-level data set (enhanced multi-frame objects keep them in the functional groups).
/// </summary>
internal sealed record FrameParameters(
    double Slope,
    double Intercept,
    LookupTable? ModalityLut,
    IReadOnlyList<WindowLevel> Windows,
    string VoiFunction,
    IReadOnlyList<LookupTable> VoiLuts)
{
    public static FrameParameters For(DicomDataset ds, PixelDescription d, int frame)
    {
        var perFrame = ds.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        var shared = ds.GetSequence(DicomTags.SharedFunctionalGroupsSequence);
        var sources = new List<DicomDataset>();
        if (frame < perFrame.Count)
        {
            sources.Add(perFrame[frame]);
        }

        if (shared.Count > 0)
        {
            sources.Add(shared[0]);
        }

        DicomDataset? rescaleSource = null;
        DicomDataset? windowSource = null;
        foreach (var group in sources)
        {
            rescaleSource ??= group.GetSequence(DicomTags.PixelValueTransformationSequence).FirstOrDefault();
            windowSource ??= group.GetSequence(DicomTags.FrameVoiLutSequence).FirstOrDefault();
        }

        rescaleSource ??= ds;
        windowSource ??= ds;
        // Absent rescale means stored values are the modality values (slope 1, intercept 0); a slope of 0 would
        // map every pixel to one value, so it is an error, not something to replace by 1.
        var slope = rescaleSource.TryGetDouble(DicomTags.RescaleSlope, out var s) ? s : 1;
        var intercept = rescaleSource.TryGetDouble(DicomTags.RescaleIntercept, out var b) ? b : 0;
        if (slope == 0)
        {
            throw new DicomImageException("Rescale Slope (0028,1053) is 0");
        }

        var modalityLut = ds.GetSequence(DicomTags.ModalityLutSequence).Select(i => LookupTable.FromItem(i, d.Signed)).FirstOrDefault(l => l is not null);

        var centers = windowSource.GetStrings(DicomTags.WindowCenter);
        var windows = new List<WindowLevel>();
        for (var i = 0; i < centers.Count; i++)
        {
            if (!windowSource.TryGetDouble(DicomTags.WindowCenter, out var c, i) || !windowSource.TryGetDouble(DicomTags.WindowWidth, out var w, i))
            {
                throw new DicomImageException($"Window Center (0028,1050) value {i + 1} has no Window Width (0028,1051)");
            }

            if (w < 1)
            {
                throw new DicomImageException($"Window Width (0028,1051) value {i + 1} is {w}; a window is at least 1 wide");
            }

            windows.Add(new WindowLevel(c, w));
        }

        var function = (windowSource.GetString(DicomTags.VoiLutFunction) ?? "LINEAR").Trim().ToUpperInvariant();
        var voiSigned = d.Signed || modalityLut is null && (intercept < 0 || slope < 0);
        var voiLuts = ds.GetSequence(DicomTags.VoiLutSequence).Select(i => LookupTable.FromItem(i, voiSigned)).OfType<LookupTable>().ToList();
        return new FrameParameters(slope, intercept, modalityLut, windows, function, voiLuts);
    }

    public double Modality(int stored) => ModalityLut is { } lut ? lut[stored] : (stored * Slope) + Intercept;
}
