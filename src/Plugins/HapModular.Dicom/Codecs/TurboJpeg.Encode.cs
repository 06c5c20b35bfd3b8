using System.Buffers;
using System.Runtime.InteropServices;

namespace HapModular.Dicom.Codecs;

/// <summary>
/// Baseline JPEG encoding through the same TurboJPEG library (SIMD forward DCT and Huffman coding, several times faster
/// than a managed encoder): grey as one luminance channel, colour as YCbCr 4:4:4 (no chroma subsampling: a colour
/// Doppler edge keeps its hue), the accurate integer DCT at every quality, baseline quantisation tables (PS3.18 §8.7.4:
/// "JPEG baseline lossy 8-bit Huffman").
/// </summary>
internal static unsafe partial class TurboJpeg
{
    private const int Subsampling444 = 0;
    private const int SubsamplingGray = 3;
    private const int FlagNoRealloc = 1024;

    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels, int quality) =>
        Encode(pixels, width, height, channels, quality, greyAsPlane: true);

    /// <param name="greyAsPlane">
    /// Grey handed to the encoder as its one luminance plane (TurboJPEG's raw-data entry, tjCompressFromYUVPlanes) rather
    /// than as packed pixels (tjCompress2). Why: for packed grey, libjpeg's colour converter copies the frame into its own
    /// buffer byte by byte (a scalar loop: two fifths of the encoder's samples under perf on 512×512 CT frames); the
    /// plane goes to the DCT as it is. Same samples, same padding of the edges, same DCT: the same JPEG bytes (the tests
    /// compare both entries).
    /// </param>
    internal static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels, int quality, bool greyAsPlane)
    {
        if (channels is not (1 or 3) || width <= 0 || height <= 0 || pixels.Length < (long)width * height * channels)
        {
            throw new ArgumentException($"{width}×{height}×{channels} does not describe the {pixels.Length} bytes given", nameof(pixels));
        }

        compressor ??= TurboJpegHandle.Wrap(Open(tjInitCompress, "JPEG encoding", "an encoder"));
        var handle = compressor.DangerousGetHandle();
        var failed = true;

        var subsampling = channels == 1 ? SubsamplingGray : Subsampling444;
        // The worst case the library itself computes, from the pool: the encoder writes into it and never reallocates.
        var capacity = (int)tjBufSize(width, height, subsampling);
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            fixed (byte* src = pixels)
            fixed (byte* dst = buffer)
            {
                var output = dst;
                nuint size = (nuint)capacity;
                var flags = FlagNoRealloc | FlagAccurateDct;
                var plane = src;
                var stride = width;
                var status = channels == 1 && greyAsPlane
                    ? tjCompressFromYUVPlanes(handle, &plane, width, &stride, height, SubsamplingGray, &output, &size, quality, flags)
                    : tjCompress2(handle, src, width, width * channels, height, channels == 1 ? PixelFormatGray : PixelFormatRgb, &output, &size, subsampling, quality, flags);
                if (status != 0)
                {
                    throw new CodecException("JPEG encoding: " + ErrorOf(handle));
                }

                failed = false;
                return buffer.AsSpan(0, (int)size).ToArray();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (failed)
            {
                Forget(ref compressor);
            }
        }
    }

    [LibraryImport(Library)]
    private static partial IntPtr tjInitCompress();

    [LibraryImport(Library)]
    private static partial int tjCompressFromYUVPlanes(IntPtr handle, byte** planes, int width, int* strides, int height, int subsampling, byte** jpeg, nuint* size, int quality, int flags);

    [LibraryImport(Library)]
    private static partial nuint tjBufSize(int width, int height, int subsampling);

    [LibraryImport(Library)]
    private static partial int tjCompress2(IntPtr handle, byte* source, int width, int pitch, int height, int pixelFormat, byte** jpeg, nuint* size, int subsampling, int quality, int flags);
}
