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

        var bitsAllocated = ds.GetInt(DicomTags.BitsAllocated, 0);
        if (bitsAllocated is not (1 or 8 or 12 or 16 or 32))
        {
            throw new DicomImageException($"Bits Allocated (0028,0100) = {bitsAllocated} is not supported (1, 8, 12, 16 or 32)");
        }

        var bitsStored = ds.GetInt(DicomTags.BitsStored, bitsAllocated);
        if (bitsStored < 1 || bitsStored > bitsAllocated)
        {
            bitsStored = bitsAllocated;
        }

        var highBit = ds.GetInt(DicomTags.HighBit, bitsStored - 1);
        if (highBit < bitsStored - 1 || highBit >= bitsAllocated)
        {
            highBit = bitsStored - 1;
        }

        var samples = ds.GetInt(DicomTags.SamplesPerPixel, 1);
        if (samples is not (1 or 3))
        {
            throw new DicomImageException($"Samples per Pixel (0028,0002) = {samples} is not supported (1 or 3)");
        }

        var frames = Math.Max(1, ds.GetInt(DicomTags.NumberOfFrames, 1));
        var photometric = (ds.GetString(DicomTags.PhotometricInterpretation) ?? string.Empty).Trim().ToUpperInvariant();
        if (photometric.Length == 0)
        {
            // ACR-NEMA files often omit it; what dcmtk's +Ma assumes.
            photometric = samples == 3 ? "RGB" : "MONOCHROME2";
        }

        if ((long)rows * cols * samples * frames > int.MaxValue / 4)
        {
            throw new DicomImageException($"image of {rows}×{cols}×{frames} frames is too large");
        }

        return new PixelDescription(rows, cols, frames, samples, bitsAllocated, bitsStored, highBit,
            ds.GetInt(DicomTags.PixelRepresentation, 0) == 1, ds.GetInt(DicomTags.PlanarConfiguration, 0), photometric);
    }

    /// <summary>Whether the image is monochrome (MONOCHROME1 or MONOCHROME2).</summary>
    public bool IsMonochrome => Photometric.StartsWith("MONOCHROME", StringComparison.Ordinal);

    /// <summary>Whether the displayed image is colour (RGB, YBR or palette).</summary>
    public bool IsColor => !IsMonochrome;

    /// <summary>Pixels per frame.</summary>
    public int PixelCount => Rows * Columns;

    /// <summary>Bytes of one native (uncompressed) frame, rounded up for bit-packed data.</summary>
    public long NativeFrameBits => (long)PixelCount * SamplesPerPixel * BitsAllocated;
}
