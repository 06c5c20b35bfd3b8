using System.Runtime.InteropServices;

namespace HapModular.Dicom.Codecs;

/// <summary>
/// 8-bit JPEG (baseline, extended, progressive) through libjpeg-turbo's TurboJPEG API (Debian libturbojpeg0, soname
/// libturbojpeg.so.0), with the accurate integer inverse DCT, fancy upsampling and libjpeg's own YCbCr→RGB conversion:
/// the IJG decoder dcmtk is built on, so a lossy colour or grey frame comes out value for value as dcmtk's references
/// (JpegLibrary's inverse DCT left up to 3 levels of difference). 12-bit frames stay with JpegLibrary.
/// </summary>
internal static unsafe partial class TurboJpeg
{
    private const string Library = "libturbojpeg.so.0";
    private const int PixelFormatRgb = 0;
    private const int PixelFormatGray = 6;
    private const int ColorSpaceYCbCr = 1;
    private const int ColorSpaceGray = 2;
    private const int FlagAccurateDct = 4096;
    private const int ErrorWarning = 0;

    /// <summary>
    /// Decodes a greyscale or YCbCr frame to grey or RGB samples; null when the stream is of another colour space
    /// (RGB-coded, CMYK), which the caller decodes as coded.
    /// </summary>
    public static int[]? Decode(ReadOnlySpan<byte> data, long maxSamples, out int width, out int height, out int components)
    {
        decompressor ??= TurboJpegHandle.Wrap(Open(tjInitDecompress, "8-bit JPEG decoding", "a decoder"));
        var handle = decompressor.DangerousGetHandle();
        var failed = true;
        try
        {
            fixed (byte* src = data)
            {
                int w, h, subsampling, colorSpace;
                if (tjDecompressHeader3(handle, src, (nuint)data.Length, &w, &h, &subsampling, &colorSpace) != 0)
                {
                    throw new CodecException("JPEG header: " + ErrorOf(handle));
                }

                (width, height) = (w, h);
                components = colorSpace switch { ColorSpaceGray => 1, ColorSpaceYCbCr => 3, _ => 0 };
                if (components == 0)
                {
                    failed = false;
                    return null;
                }

                if (w <= 0 || h <= 0 || (long)w * h * components > maxSamples)
                {
                    throw new CodecException($"JPEG frame header not supported ({w}×{h}, {components} components)");
                }

                var buffer = new byte[w * h * components];
                fixed (byte* dst = buffer)
                {
                    var format = components == 1 ? PixelFormatGray : PixelFormatRgb;
                    if (tjDecompress2(handle, src, (nuint)data.Length, dst, w, w * components, h, format, FlagAccurateDct) != 0)
                    {
                        var message = ErrorOf(handle);
                        // A warning leaves a complete image (dcmtk accepts it too: e.g. bytes after the last marker),
                        // except data that ended early: the rest of the image would be invented grey.
                        if (tjGetErrorCode(handle) != ErrorWarning || message.Contains("premature end", StringComparison.OrdinalIgnoreCase))
                        {
                            throw new CodecException("JPEG: " + message);
                        }
                    }
                }

                var output = new int[buffer.Length];
                for (var i = 0; i < buffer.Length; i++)
                {
                    output[i] = buffer[i];
                }

                failed = false;
                return output;
            }
        }
        finally
        {
            // After an error the handle is not trusted with the next frame: a new one is made then.
            if (failed)
            {
                Forget(ref decompressor);
            }
        }
    }

    // One of each per thread (TurboJpegHandle): kept between frames, never shared between threads.
    [ThreadStatic]
    private static TurboJpegHandle? decompressor;

    [ThreadStatic]
    private static TurboJpegHandle? compressor;

    private static void Forget(ref TurboJpegHandle? handle)
    {
        handle?.Dispose();
        handle = null;
    }

    internal static int Destroy(IntPtr handle) => tjDestroy(handle);

    private static string ErrorOf(IntPtr handle) => Marshal.PtrToStringAnsi(tjGetErrorStr2(handle)) ?? "unknown error";

    /// <summary>A TurboJPEG handle; a missing library is a clear error naming the Debian package, never a fallback.</summary>
    private static IntPtr Open(Func<IntPtr> init, string needs, string what)
    {
        IntPtr handle;
        try
        {
            handle = init();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new CodecException($"{needs} needs libjpeg-turbo's TurboJPEG (Debian package libturbojpeg0), which is not installed", ex);
        }

        return handle != IntPtr.Zero ? handle : throw new CodecException($"TurboJPEG could not create {what}");
    }

    [LibraryImport(Library)]
    private static partial IntPtr tjInitDecompress();

    [LibraryImport(Library)]
    private static partial int tjDestroy(IntPtr handle);

    [LibraryImport(Library)]
    private static partial int tjDecompressHeader3(IntPtr handle, byte* jpeg, nuint size, int* width, int* height, int* subsampling, int* colorSpace);

    [LibraryImport(Library)]
    private static partial int tjDecompress2(IntPtr handle, byte* jpeg, nuint size, byte* destination, int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(Library)]
    private static partial IntPtr tjGetErrorStr2(IntPtr handle);

    [LibraryImport(Library)]
    private static partial int tjGetErrorCode(IntPtr handle);
}
