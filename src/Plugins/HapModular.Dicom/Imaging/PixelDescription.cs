namespace HapModular.Dicom.Imaging;

/// <summary>The Image Pixel module of a data set, checked for consistency.</summary>
public sealed record PixelDescription(
    int Rows,
    int Columns,
    int Frames,
    int SamplesPerPixel,
    int BitsAllocated,
    int BitsStored,
    int HighBit,
    bool Signed,
    int PlanarConfiguration,
    string Photometric)
{
    /// <summary>Reads and checks the module.</summary>
    /// <param name="ds">The data set.</param>
    /// <returns>The description.</returns>
    /// <exception cref="DicomImageException">Attributes are missing or inconsistent.</exception>
    public static PixelDescription From(DicomDataset ds)
    {
        ArgumentNullException.ThrowIfNull(ds);
        if (!ds.Contains(DicomTags.PixelData))
        {
            throw new DicomImageException("no Pixel Data (7fe0,0010): the object has no image");
        }

        if (!ds.TryGetInt(DicomTags.Rows, out var rows) || !ds.TryGetInt(DicomTags.Columns, out var cols) || rows <= 0 || cols <= 0)
        {
            throw new DicomImageException("Rows (0028,0010) or Columns (0028,0011) missing or zero");
        }

        var bitsAllocated = Required(ds, DicomTags.BitsAllocated);
        if (bitsAllocated is not (1 or 8 or 12 or 16 or 32))
        {
            throw new DicomImageException($"Bits Allocated (0028,0100) = {bitsAllocated} is not supported (1, 8, 12, 16 or 32)");
        }

        var bitsStored = Required(ds, DicomTags.BitsStored);
        if (bitsStored < 1 || bitsStored > bitsAllocated)
        {
            throw new DicomImageException($"Bits Stored (0028,0101) = {bitsStored} does not fit Bits Allocated (0028,0100) = {bitsAllocated}");
        }

        var highBit = Required(ds, DicomTags.HighBit);
        if (highBit < bitsStored - 1 || highBit >= bitsAllocated)
        {
            throw new DicomImageException($"High Bit (0028,0102) = {highBit} does not fit Bits Stored {bitsStored} in Bits Allocated {bitsAllocated}");
        }

        var pixelRepresentation = Required(ds, DicomTags.PixelRepresentation);
        if (pixelRepresentation is not (0 or 1))
        {
            throw new DicomImageException($"Pixel Representation (0028,0103) = {pixelRepresentation} is neither 0 (unsigned) nor 1 (signed)");
        }

        var assumptions = new List<string>();
        var acrNema = ds.Parent is null && !ds.Contains(DicomTags.SopClassUid);
        var samples = ds.TryGetInt(DicomTags.SamplesPerPixel, out var spp) ? spp
            : acrNema ? Assume(assumptions, 1, "Samples per Pixel (0028,0002) absent (ACR-NEMA object): 1 assumed")
            : throw new DicomImageException("Samples per Pixel (0028,0002) is missing");
        if (samples is not (1 or 3))
        {
            throw new DicomImageException($"Samples per Pixel (0028,0002) = {samples} is not supported (1 or 3)");
        }

        // Absent in single-frame objects, where it means one frame; present, it must say how many.
        var frames = ds.GetInt(DicomTags.NumberOfFrames, 1);
        if (frames < 1)
        {
            throw new DicomImageException($"Number of Frames (0028,0008) = {frames}: an image has at least one frame");
        }

        var photometric = (ds.GetString(DicomTags.PhotometricInterpretation) ?? string.Empty).Trim().ToUpperInvariant();
        if (photometric.Length == 0)
        {
            // ACR-NEMA files often omit it; what dcmtk's +Ma assumes, and said so.
            photometric = acrNema
                ? Assume(assumptions, samples == 3 ? "RGB" : "MONOCHROME2", $"Photometric Interpretation (0028,0004) absent (ACR-NEMA object): {(samples == 3 ? "RGB" : "MONOCHROME2")} assumed")
                : throw new DicomImageException("Photometric Interpretation (0028,0004) is missing");
        }

        // Type 1C: required for colour; encapsulated frames come out of their decoders interleaved whatever it says.
        var planar = ds.TryGetInt(DicomTags.PlanarConfiguration, out var pc) ? pc
            : samples == 1 || ds[DicomTags.PixelData]!.Fragments is not null ? 0
            : throw new DicomImageException("Planar Configuration (0028,0006) is missing for a colour image");
        if (planar is not (0 or 1))
        {
            throw new DicomImageException($"Planar Configuration (0028,0006) = {planar} is neither 0 nor 1");
        }

        if ((long)rows * cols * samples * frames > int.MaxValue / 4)
        {
            throw new DicomImageException($"image of {rows}×{cols}×{frames} frames is too large");
        }

        return new PixelDescription(rows, cols, frames, samples, bitsAllocated, bitsStored, highBit, pixelRepresentation == 1, planar, photometric)
        {
            Assumptions = assumptions,
        };
    }

    /// <summary>What the reader assumed for attributes an old (ACR-NEMA) object leaves out; shown to the reader.</summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];

    /// <summary>Whether the image is monochrome (MONOCHROME1 or MONOCHROME2).</summary>
    public bool IsMonochrome => Photometric.StartsWith("MONOCHROME", StringComparison.Ordinal);

    /// <summary>Whether the displayed image is colour (RGB, YBR or palette).</summary>
    public bool IsColor => !IsMonochrome;

    /// <summary>Pixels per frame.</summary>
    public int PixelCount => Rows * Columns;

    /// <summary>
    /// Bits of one native (uncompressed) frame. Native YBR_FULL_422 and YBR_PARTIAL_422 store Y1 Y2 Cb Cr for each pair of
    /// pixels (PS3.5 8.2.1): two samples a pixel, not three — counting three made every frame after the first, and the
    /// first one's WADO-RS retrieval, "truncated".
    /// </summary>
    public long NativeFrameBits => (long)PixelCount * (Photometric is "YBR_FULL_422" or "YBR_PARTIAL_422" && SamplesPerPixel == 3 ? 2 : SamplesPerPixel) * BitsAllocated;

    private static int Required(DicomDataset ds, DicomTag tag) =>
        ds.TryGetInt(tag, out var v) ? v : throw new DicomImageException($"{DicomDataset.Describe(tag)} is missing or empty");

    private static T Assume<T>(List<string> assumptions, T value, string note)
    {
        assumptions.Add(note);
        return value;
    }
}
