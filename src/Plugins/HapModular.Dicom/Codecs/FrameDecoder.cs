using HapModular.Dicom.Imaging;

namespace HapModular.Dicom.Codecs;

/// <summary>Gets one frame's stored values (samples interleaved) from native or encapsulated pixel data.</summary>
internal static class FrameDecoder
{
    private const long MaxSamplesFloor = 16_000_000;
    private const long SamplesPerCompressedByte = 4096;

    /// <summary>Decodes a frame; <paramref name="colorSpace"/> says what the samples are in (e.g. RGB after a JPEG 2000 inverse MCT).</summary>
    public static int[] Decode(DicomFile file, PixelDescription d, int frame, out string colorSpace)
    {
        var ds = file.Dataset;
        colorSpace = d.Photometric;
        if (frame < 0 || frame >= d.Frames)
        {
            throw new DicomImageException($"frame {frame + 1} does not exist (the image has {d.Frames})");
        }

        var pixelData = ds[DicomTags.PixelData]!;
        if (pixelData.Fragments is null)
        {
            var values = NativePixels.ReadFrame(d, pixelData, frame);
            if (d.Photometric == "YBR_PARTIAL_422")
            {
                colorSpace = "YBR_PARTIAL";
            }

            return values;
        }

        var bytes = EncapsulatedFrames.GetFrame(ds, pixelData.Fragments, d.Frames, frame);

        // Compressed data can claim any size: refuse images far larger than their bytes could plausibly hold.
        if ((long)d.PixelCount * d.SamplesPerPixel > MaxSamplesFloor + (SamplesPerCompressedByte * (long)bytes.Length))
        {
            throw new DicomImageException($"frame {frame + 1}: {d.Rows}×{d.Columns} pixels cannot come from {bytes.Length} compressed bytes");
        }

        try
        {
            return DecodeCompressed(file.TransferSyntax.Uid, bytes, d, ref colorSpace);
        }
        catch (CodecException ex)
        {
            throw new DicomImageException($"frame {frame + 1} ({file.TransferSyntax.Name}): {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException and not DicomImageException)
        {
            // Third-party decoders signal corrupt input with assorted exception types; all mean the same here.
            throw new DicomImageException($"frame {frame + 1} ({file.TransferSyntax.Name}): corrupt compressed data ({ex.GetType().Name})", ex);
        }
    }

    private static int[] DecodeCompressed(string uid, ReadOnlyMemory<byte> bytes, PixelDescription d, ref string colorSpace)
    {
        int[] values;
        int w, h, c, p;
        var codestreamSigned = false;
        if (uid == TransferSyntax.RleLosslessUid)
        {
            values = RleDecoder.Decode(bytes.Span, d.PixelCount, d.SamplesPerPixel, d.BitsAllocated);
            StoredValues.Normalize(values, d, 0);
            if (colorSpace is "YBR_FULL_422")
            {
                colorSpace = "YBR_FULL";
            }

            return values;
        }

        if (uid is TransferSyntax.Jpeg2000LosslessUid or TransferSyntax.Jpeg2000Uid || uid.StartsWith("1.2.840.10008.1.2.4.20", StringComparison.Ordinal)
            || uid is "1.2.840.10008.1.2.4.92" or "1.2.840.10008.1.2.4.93")
        {
            values = OpenJpeg.Decode(bytes.Span, Expected(d), out w, out h, out c, out p, out codestreamSigned);

            // OpenJPEG applies the inverse colour transform (RCT/ICT) itself: the samples are RGB.
            if (colorSpace is "YBR_RCT" or "YBR_ICT")
            {
                colorSpace = "RGB";
            }
        }
        else
        {
            var sof = FindStartOfFrame(bytes.Span, out var sofPrecision);
            switch (sof)
            {
                case 0xC3 or 0xC7:
                    values = JpegLosslessDecoder.Decode(bytes.Span, out w, out h, out c, out p, Expected(d));
                    break;
                case 0xF7 or 0xF8:
                    values = CharLs.Decode(bytes.Span, Expected(d), out w, out h, out c, out p);
                    break;
                case 0xC0 or 0xC1 or 0xC2 when sofPrecision == 8 && (d.SamplesPerPixel == 1 || colorSpace.StartsWith("YBR_", StringComparison.Ordinal))
                                             && TurboJpeg.Decode(bytes.Span, Expected(d), out w, out h, out c) is { } decoded:
                    // libjpeg's own decode, colour conversion included (as dcmtk's); an RGB-coded stream is not converted.
                    values = decoded;
                    p = 8;
                    if (c == 3)
                    {
                        colorSpace = "RGB";
                    }

                    break;
                case 0xC0 or 0xC1 or 0xC2:
                    values = JpegDctDecoder.Decode(bytes, Expected(d), out w, out h, out c, out p);
                    if (colorSpace.StartsWith("YBR_", StringComparison.Ordinal))
                    {
                        // The JPEG decoder delivers YCbCr; converted the way libjpeg converts it (dcmtk's references).
                        colorSpace = "YBR_JPEG";
                    }

                    break;
                default:
                    throw new CodecException($"transfer syntax {uid} is not supported, or the frame is not a JPEG stream");
            }
        }

        if (w != d.Columns || h != d.Rows || c != d.SamplesPerPixel)
        {
            throw new CodecException($"the codestream is {w}×{h}×{c} but the data set says {d.Columns}×{d.Rows}×{d.SamplesPerPixel}");
        }

        // A codestream is not the native bit layout: its values are numbers of its own precision and sign, and a
        // lossy one may overshoot Bits Stored at bright edges. Clamped, never masked (masking wraps white to black).
        StoredValues.ClampDecoded(values, d, p, codestreamSigned);
        return values;
    }

    // Decoders allocate only what the data set announces (already bounded), never what a corrupt codestream claims.
    private static long Expected(PixelDescription d) => (long)d.PixelCount * d.SamplesPerPixel;

    /// <summary>The frame's SOF marker (0 when there is none) and the sample precision it declares.</summary>
    private static int FindStartOfFrame(ReadOnlySpan<byte> s, out int precision)
    {
        precision = 0;
        if (s.Length < 4 || s[0] != 0xFF || s[1] != 0xD8)
        {
            return 0;
        }

        var pos = 2;
        while (pos + 4 <= s.Length)
        {
            if (s[pos] != 0xFF)
            {
                return 0;
            }

            var marker = s[pos + 1];
            if (marker == 0xFF)
            {
                pos++;
                continue;
            }

            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC || marker is 0xF7 or 0xF8)
            {
                precision = pos + 4 < s.Length ? s[pos + 4] : 0;
                return marker;
            }

            pos += 2 + ((s[pos + 2] << 8) | s[pos + 3]);
        }

        return 0;
    }
}
