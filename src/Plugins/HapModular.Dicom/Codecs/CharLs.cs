using System.Runtime.InteropServices;

namespace HapModular.Dicom.Codecs;

/// <summary>JPEG-LS (lossless and near-lossless) through CharLS 2 (Debian libcharls2, soname libcharls.so.2).</summary>
internal static unsafe partial class CharLs
{
    private const string Library = "libcharls.so.2";

    public static int[] Decode(ReadOnlySpan<byte> data, long maxSamples, out int width, out int height, out int components, out int precision)
    {
        // CharLS spends seconds of CPU on a stream cut short; a JPEG-LS frame must end with EOI (FF D9), maybe padded.
        var tail = data[Math.Max(0, data.Length - 4)..];
        if (tail.IndexOf([(byte)0xFF, (byte)0xD9]) < 0)
        {
            throw new CodecException("JPEG-LS frame is truncated (no end-of-image marker)");
        }

        IntPtr decoder;
        try
        {
            decoder = charls_jpegls_decoder_create();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new CodecException("JPEG-LS needs CharLS (Debian package libcharls2), which is not installed", ex);
        }

        if (decoder == IntPtr.Zero)
        {
            throw new CodecException("CharLS could not create a decoder");
        }

        try
        {
            fixed (byte* src = data)
            {
                Check(charls_jpegls_decoder_set_source_buffer(decoder, src, (nuint)data.Length));
                Check(charls_jpegls_decoder_read_header(decoder));
                FrameInfo info;
                Check(charls_jpegls_decoder_get_frame_info(decoder, &info));
                width = (int)info.Width;
                height = (int)info.Height;
                components = info.ComponentCount;
                precision = info.BitsPerSample;
                if (width <= 0 || height <= 0 || components is < 1 or > 4 || precision is < 2 or > 16 || (long)width * height * components > maxSamples)
                {
                    throw new CodecException($"JPEG-LS frame not supported ({width}×{height}, {components} components, {precision} bits)");
                }

                int interleave;
                Check(charls_jpegls_decoder_get_interleave_mode(decoder, &interleave));
                nuint size;
                Check(charls_jpegls_decoder_get_destination_size(decoder, 0, &size));
                var buffer = new byte[(int)size];
                fixed (byte* dst = buffer)
                {
                    Check(charls_jpegls_decoder_decode_to_buffer(decoder, dst, size, 0));
                }

                var samples = width * height * components;
                var output = new int[samples];
                var wide = precision > 8;
                for (var i = 0; i < samples && (wide ? (i * 2) + 1 : i) < buffer.Length; i++)
                {
                    output[i] = wide ? buffer[i * 2] | (buffer[(i * 2) + 1] << 8) : buffer[i];
                }

                // Interleave mode "none" returns one plane per component.
                return components > 1 && interleave == 0 ? ToInterleaved(output, width * height, components) : output;
            }
        }
        finally
        {
            charls_jpegls_decoder_destroy(decoder);
        }
    }

    private static int[] ToInterleaved(int[] planar, int pixels, int components)
    {
        var result = new int[planar.Length];
        for (var c = 0; c < components; c++)
        {
            for (var i = 0; i < pixels; i++)
            {
                result[(i * components) + c] = planar[(c * pixels) + i];
            }
        }

        return result;
    }

    private static void Check(int error)
    {
        if (error != 0)
        {
            var message = Marshal.PtrToStringAnsi(charls_get_error_message(error)) ?? "unknown error";
            throw new CodecException($"CharLS: {message} (error {error})");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct FrameInfo
    {
        public uint Width;
        public uint Height;
        public int BitsPerSample;
        public int ComponentCount;
    }

    [LibraryImport(Library)]
    private static partial IntPtr charls_jpegls_decoder_create();

    [LibraryImport(Library)]
    private static partial void charls_jpegls_decoder_destroy(IntPtr decoder);

    [LibraryImport(Library)]
    private static partial int charls_jpegls_decoder_set_source_buffer(IntPtr decoder, byte* source, nuint size);

    [LibraryImport(Library)]
    private static partial int charls_jpegls_decoder_read_header(IntPtr decoder);

    [LibraryImport(Library)]
    private static partial int charls_jpegls_decoder_get_frame_info(IntPtr decoder, FrameInfo* info);

    [LibraryImport(Library)]
    private static partial int charls_jpegls_decoder_get_interleave_mode(IntPtr decoder, int* mode);

    [LibraryImport(Library)]
    private static partial int charls_jpegls_decoder_get_destination_size(IntPtr decoder, uint stride, nuint* size);

    [LibraryImport(Library)]
    private static partial int charls_jpegls_decoder_decode_to_buffer(IntPtr decoder, byte* destination, nuint size, uint stride);

    [LibraryImport(Library)]
    private static partial IntPtr charls_get_error_message(int error);
}
