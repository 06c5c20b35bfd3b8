using HapModular.Dicom.Codecs;

namespace HapModular.Dicom.Imaging;

/// <summary>The image of a DICOM object: decodes frames and renders them for display. Thread-safe (no shared state).</summary>
public sealed class DicomImage
{
    private DicomImage(DicomFile file, PixelDescription description)
    {
        File = file;
        Description = description;
    }

    /// <summary>The file.</summary>
    public DicomFile File { get; }

    /// <summary>The pixel module.</summary>
    public PixelDescription Description { get; }

    /// <summary>Number of frames.</summary>
    public int FrameCount => Description.Frames;

    /// <summary>Creates the image of a file.</summary>
    /// <param name="file">The file.</param>
    /// <returns>The image.</returns>
    /// <exception cref="DicomImageException">The object has no (supported) image.</exception>
    public static DicomImage Create(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.Dataset.Contains(DicomTags.PixelData) && file.Warnings.Count > 0)
        {
            // Say why the pixels are missing when reading stopped early (e.g. truncated Pixel Data).
            throw new DicomImageException("no Pixel Data (7fe0,0010) could be read: " + file.Warnings[^1]);
        }

        return new DicomImage(file, PixelDescription.From(file.Dataset));
    }

    /// <summary>Decodes a frame to stored values (samples interleaved, colour already in the returned colour space).</summary>
    /// <param name="frame">0-based frame index.</param>
    /// <param name="colorSpace">The colour space of the samples (e.g. MONOCHROME2, RGB, YBR_FULL, PALETTE COLOR).</param>
    /// <returns>The values.</returns>
    public int[] DecodeStored(int frame, out string colorSpace) => FrameDecoder.Decode(File, Description, frame, out colorSpace);

    /// <summary>
    /// The bytes of one frame exactly as the file stores them: the frame's fragment(s) for an encapsulated transfer
    /// syntax, else its slice of the native Pixel Data (in the file's byte order). For DICOMweb's frame retrieval.
    /// </summary>
    /// <param name="frame">0-based frame index.</param>
    /// <returns>The frame's bytes.</returns>
    /// <exception cref="DicomImageException">The frame is missing or the pixel data truncated.</exception>
    public ReadOnlyMemory<byte> EncodedFrame(int frame)
    {
        var pixelData = File.Dataset[DicomTags.PixelData] ?? throw new DicomImageException("no Pixel Data (7fe0,0010)");
        if (frame < 0 || frame >= FrameCount)
        {
            throw new DicomImageException($"frame {frame + 1} does not exist: the object has {FrameCount} frame(s)");
        }

        if (pixelData.Fragments is { } fragments)
        {
            return EncapsulatedFrames.GetFrame(File.Dataset, fragments, FrameCount, frame);
        }

        var frameBits = Description.NativeFrameBits;
        if (frameBits % 8 != 0)
        {
            throw new DicomImageException("frames of packed bits do not start on a byte boundary");
        }

        var start = frameBits / 8 * frame;
        var length = frameBits / 8;
        return start + length <= pixelData.RawValue.Length
            ? pixelData.RawValue.Slice((int)start, (int)length)
            : throw new DicomImageException($"pixel data holds {pixelData.RawValue.Length} bytes but frame {frame + 1} ends at byte {start + length} (truncated pixel data)");
    }

    /// <summary>Renders a frame as 8-bit grey or RGB.</summary>
    /// <param name="frame">0-based frame index.</param>
    /// <param name="voi">The VOI choice for monochrome images.</param>
    /// <returns>The display image.</returns>
    public RenderedImage Render(int frame, VoiChoice voi) => Render(frame, voi, pooled: false);

    /// <summary>
    /// Renders a frame as <see cref="Render(int, VoiChoice)"/> does, for a caller that encodes it at once and drops it:
    /// the common native 16-bit monochrome frame's grey pixels are rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/>
    /// (<see cref="RenderedImage.Pooled"/>; give them back with <see cref="RenderedImage.ReturnToPool"/>) — a 512×512
    /// frame would otherwise be a new large-object-heap array per request served.
    /// </summary>
    /// <param name="frame">0-based frame index.</param>
    /// <param name="voi">The VOI choice for monochrome images.</param>
    /// <returns>The display image (its pixels possibly pooled and longer than the image).</returns>
    public RenderedImage RenderPooled(int frame, VoiChoice voi) => Render(frame, voi, pooled: true);

    private RenderedImage Render(int frame, VoiChoice voi, bool pooled)
    {
        ArgumentNullException.ThrowIfNull(voi);
        var d = Description;
        if (d.IsMonochrome && d.SamplesPerPixel == 1 && NativeWords(frame) is { } words)
        {
            var p = FrameParameters.For(File.Dataset, d, frame);
            if (MonochromeRenderer.RenderWords(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(words.Span), d, p, voi, pooled) is { } direct)
            {
                Overlays.BurnIn(File.Dataset, direct, d.Rows, d.Columns, frame);
                return new RenderedImage(d.Columns, d.Rows, 1, direct) { Pooled = pooled };
            }
        }

        var stored = DecodeStored(frame, out var colorSpace);
        if (d.IsMonochrome)
        {
            if (d.SamplesPerPixel != 1)
            {
                throw new DicomImageException($"{d.Photometric} with {d.SamplesPerPixel} samples per pixel is not valid");
            }

            var p = FrameParameters.For(File.Dataset, d, frame);
            var grey = MonochromeRenderer.Render(stored, d, p, voi);
            Overlays.BurnIn(File.Dataset, grey, d.Rows, d.Columns, frame);
            return new RenderedImage(d.Columns, d.Rows, 1, grey);
        }

        return new RenderedImage(d.Columns, d.Rows, 3, ColorRenderer.Render(stored, d, colorSpace, File.Dataset));
    }

    /// <summary>
    /// The frame's 16-bit words when they can be windowed in place: native little-endian pixel data on a little-endian
    /// machine, 16 bits allocated, Bits Stored and High Bit within the word (the common CT/MR frame); else null.
    /// </summary>
    private ReadOnlyMemory<byte>? NativeWords(int frame)
    {
        var d = Description;
        var pixelData = File.Dataset[DicomTags.PixelData];
        if (pixelData is null || pixelData.Fragments is not null || pixelData.BigEndian || !BitConverter.IsLittleEndian
            || d.BitsAllocated != 16 || d.HighBit > 15 || d.HighBit + 1 < d.BitsStored || d.BitsStored < 1
            || frame < 0 || frame >= FrameCount)
        {
            return null;
        }

        // A truncated frame goes the general way, which says what is missing.
        var length = (long)d.PixelCount * 2;
        var start = length * frame;
        return start + length <= pixelData.RawValue.Length ? pixelData.RawValue.Slice((int)start, (int)length) : null;
    }

    /// <summary>
    /// Modality values of a monochrome frame (rescale or modality LUT applied), rounded and clamped to 16-bit signed,
    /// for client-side window/level; with the frame's default window.
    /// </summary>
    /// <param name="frame">0-based frame index.</param>
    /// <param name="defaultWindow">The window the default rule gives (null when it is a VOI LUT).</param>
    /// <returns>The values, row by row.</returns>
    public short[] ModalityValues(int frame, out WindowLevel? defaultWindow)
    {
        var (stored, p) = MonochromeFrame(frame, out defaultWindow);
        var result = new short[stored.Length];
        for (var i = 0; i < stored.Length; i++)
        {
            result[i] = (short)Math.Clamp(Math.Round(p.Modality(stored[i])), short.MinValue, short.MaxValue);
        }

        return result;
    }

    /// <summary>Modality values of a monochrome frame, unrounded (e.g. RT dose or PET values beyond 16 bits).</summary>
    /// <param name="frame">0-based frame index.</param>
    /// <param name="defaultWindow">The window the default rule gives (null when it is a VOI LUT).</param>
    /// <returns>The values, row by row.</returns>
    public double[] ModalityValuesExact(int frame, out WindowLevel? defaultWindow)
    {
        var (stored, p) = MonochromeFrame(frame, out defaultWindow);
        var result = new double[stored.Length];
        for (var i = 0; i < stored.Length; i++)
        {
            result[i] = p.Modality(stored[i]);
        }

        return result;
    }

    /// <summary>A monochrome frame's stored values, its parameters and its default window.</summary>
    private (int[] Stored, FrameParameters Parameters) MonochromeFrame(int frame, out WindowLevel? defaultWindow)
    {
        var d = Description;
        if (!d.IsMonochrome)
        {
            throw new DicomImageException("modality values exist only for monochrome images");
        }

        var stored = DecodeStored(frame, out _);
        var p = FrameParameters.For(File.Dataset, d, frame);
        var (min, max) = MonochromeRenderer.MinMax(stored);
        defaultWindow = MonochromeRenderer.DefaultWindow(p, min, max);
        return (stored, p);
    }

    /// <summary>The stored windows that apply to a frame (functional groups first), in file order.</summary>
    /// <param name="frame">0-based frame index.</param>
    /// <returns>The windows; empty when none is stored.</returns>
    public IReadOnlyList<WindowLevel> StoredWindows(int frame) => FrameParameters.For(File.Dataset, Description, frame).Windows;
}
