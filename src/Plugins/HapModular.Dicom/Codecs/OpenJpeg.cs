using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HapModular.Dicom.Codecs;

/// <summary>JPEG 2000 and HTJ2K through OpenJPEG 2.5 (Debian libopenjp2-7, soname libopenjp2.so.7), decoding from memory.</summary>
internal static unsafe partial class OpenJpeg
{
    private const string Library = "libopenjp2.so.7";

    // opj_dparameters_t is about 8.3 KB in 2.5; the library fills it, so a larger zeroed block is safe.
    private const int ParametersSize = 16384;

    public static int[] Decode(ReadOnlySpan<byte> data, long maxSamples, out int width, out int height, out int components, out int precision, out bool signed)
    {
        // A JP2 file starts with its signature box; a raw codestream with SOC (FF 4F).
        var format = data.Length >= 12 && data[4] == (byte)'j' && data[5] == (byte)'P' ? 2 : 0;
        IntPtr codec;
        try
        {
            codec = opj_create_decompress(format);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new CodecException("JPEG 2000 needs OpenJPEG (Debian package libopenjp2-7), which is not installed", ex);
        }

        var parameters = NativeMemory.AllocZeroed(ParametersSize);
        var source = (Source*)NativeMemory.Alloc((nuint)sizeof(Source));
        IntPtr stream = IntPtr.Zero;
        IntPtr image = IntPtr.Zero;
        try
        {
            fixed (byte* bytes = data)
            {
                *source = new Source { Data = bytes, Length = data.Length, Position = 0 };
                opj_set_default_decoder_parameters(parameters);
                Check(opj_setup_decoder(codec, parameters), "setup");
                stream = opj_stream_create(1 << 16, 1);
                opj_stream_set_read_function(stream, &Read);
                opj_stream_set_skip_function(stream, &Skip);
                opj_stream_set_seek_function(stream, &Seek);
                opj_stream_set_user_data(stream, source, IntPtr.Zero);
                opj_stream_set_user_data_length(stream, (ulong)data.Length);
                Check(opj_read_header(stream, codec, &image), "header");
                var header = (Image*)image;
                if ((long)(header->X1 - header->X0) * (header->Y1 - header->Y0) * header->NumComps > maxSamples)
                {
                    throw new CodecException("JPEG 2000 header announces more samples than the data set");
                }

                Check(opj_decode(codec, stream, image), "decode");
                Check(opj_end_decompress(codec, stream), "end");
                return Copy((Image*)image, out width, out height, out components, out precision, out signed);
            }
        }
        finally
        {
            if (image != IntPtr.Zero)
            {
                opj_image_destroy(image);
            }

            if (stream != IntPtr.Zero)
            {
                opj_stream_destroy(stream);
            }

            opj_destroy_codec(codec);
            NativeMemory.Free(parameters);
            NativeMemory.Free(source);
        }
    }

    private static int[] Copy(Image* image, out int width, out int height, out int components, out int precision, out bool signed)
    {
        components = (int)image->NumComps;
        if (components is < 1 or > 4)
        {
            throw new CodecException($"JPEG 2000 image has {components} components");
        }

        var comps = image->Comps;
        width = (int)comps[0].W;
        height = (int)comps[0].H;
        precision = (int)comps[0].Prec;
        signed = comps[0].Sgnd != 0;
        if (width <= 0 || height <= 0 || (long)width * height * components > 1L << 28)
        {
            throw new CodecException($"JPEG 2000 image of {width}×{height} not supported");
        }

        var output = new int[width * height * components];
        for (var c = 0; c < components; c++)
        {
            if (comps[c].W != comps[0].W || comps[c].H != comps[0].H || comps[c].Data == null)
            {
                throw new CodecException("JPEG 2000 components of different sizes are not supported");
            }

            var src = new ReadOnlySpan<int>(comps[c].Data, width * height);
            for (var i = 0; i < src.Length; i++)
            {
                output[(i * components) + c] = src[i];
            }
        }

        return output;
    }

    private static void Check(int ok, string step)
    {
        if (ok == 0)
        {
            throw new CodecException($"OpenJPEG could not {step} the JPEG 2000 codestream (corrupt or unsupported)");
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint Read(void* buffer, nuint count, void* user)
    {
        var s = (Source*)user;
        var left = s->Length - s->Position;
        if (left <= 0)
        {
            return unchecked((nuint)(-1));
        }

        var n = (long)Math.Min((ulong)left, count);
        Buffer.MemoryCopy(s->Data + s->Position, buffer, (long)count, n);
        s->Position += n;
        return (nuint)n;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static long Skip(long count, void* user)
    {
        var s = (Source*)user;
        var target = Math.Clamp(s->Position + count, 0, s->Length);
        var skipped = target - s->Position;
        s->Position = target;
        return skipped == 0 && count != 0 ? -1 : skipped;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Seek(long position, void* user)
    {
        var s = (Source*)user;
        if (position < 0 || position > s->Length)
        {
            return 0;
        }

        s->Position = position;
        return 1;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Source
    {
        public byte* Data;
        public long Length;
        public long Position;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ImageComp
    {
        public uint Dx;
        public uint Dy;
        public uint W;
        public uint H;
        public uint X0;
        public uint Y0;
        public uint Prec;
        public uint Bpp;
        public uint Sgnd;
        public uint ResnoDecoded;
        public uint Factor;
        public int* Data;
        public ushort Alpha;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Image
    {
        public uint X0;
        public uint Y0;
        public uint X1;
        public uint Y1;
        public uint NumComps;
        public int ColorSpace;
        public ImageComp* Comps;
        public byte* IccProfileBuf;
        public uint IccProfileLen;
    }

    [LibraryImport(Library)]
    private static partial IntPtr opj_create_decompress(int format);

    [LibraryImport(Library)]
    private static partial void opj_set_default_decoder_parameters(void* parameters);

    [LibraryImport(Library)]
    private static partial int opj_setup_decoder(IntPtr codec, void* parameters);

    [LibraryImport(Library)]
    private static partial IntPtr opj_stream_create(nuint bufferSize, int isInput);

    [LibraryImport(Library)]
    private static partial void opj_stream_set_read_function(IntPtr stream, delegate* unmanaged[Cdecl]<void*, nuint, void*, nuint> read);

    [LibraryImport(Library)]
    private static partial void opj_stream_set_skip_function(IntPtr stream, delegate* unmanaged[Cdecl]<long, void*, long> skip);

    [LibraryImport(Library)]
    private static partial void opj_stream_set_seek_function(IntPtr stream, delegate* unmanaged[Cdecl]<long, void*, int> seek);

    [LibraryImport(Library)]
    private static partial void opj_stream_set_user_data(IntPtr stream, void* data, IntPtr free);

    [LibraryImport(Library)]
    private static partial void opj_stream_set_user_data_length(IntPtr stream, ulong length);

    [LibraryImport(Library)]
    private static partial int opj_read_header(IntPtr stream, IntPtr codec, IntPtr* image);

    [LibraryImport(Library)]
    private static partial int opj_decode(IntPtr codec, IntPtr stream, IntPtr image);

    [LibraryImport(Library)]
    private static partial int opj_end_decompress(IntPtr codec, IntPtr stream);

    [LibraryImport(Library)]
    private static partial void opj_image_destroy(IntPtr image);

    [LibraryImport(Library)]
    private static partial void opj_stream_destroy(IntPtr stream);

    [LibraryImport(Library)]
    private static partial void opj_destroy_codec(IntPtr codec);
}
