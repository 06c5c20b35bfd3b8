using System.Runtime.InteropServices;
using JpegLibrary;

namespace HapModular.Dicom.Codecs;

/// <summary>
/// 12-bit JPEG extended, and 8-bit JPEG that libjpeg-turbo does not convert (RGB-coded), through JpegLibrary; samples come
/// out as coded (no colour conversion). Other 8-bit frames go to <see cref="TurboJpeg"/>.
/// </summary>
internal static class JpegDctDecoder
{
    public static int[] Decode(ReadOnlyMemory<byte> data, long maxSamples, out int width, out int height, out int components, out int precision)
    {
        var decoder = new JpegDecoder();
        decoder.SetInput(data);
        decoder.Identify();
        width = decoder.Width;
        height = decoder.Height;
        components = decoder.NumberOfComponents;
        precision = decoder.Precision;
        if (width <= 0 || height <= 0 || components is < 1 or > 4 || (long)width * height * components > maxSamples)
        {
            throw new CodecException($"JPEG frame header not supported ({width}×{height}, {components} components)");
        }

        var output = new int[width * height * components];
        decoder.SetOutputWriter(new Writer(output, width, height, components, (1 << precision) - 1));
        decoder.Decode();
        var maxH = decoder.GetMaximumHorizontalSampling();
        var maxV = decoder.GetMaximumVerticalSampling();
        for (var c = 0; c < components; c++)
        {
            if (maxH == 2 && decoder.GetHorizontalSampling(c) == 1 && decoder.GetVerticalSampling(c) == maxV)
            {
                FancyUpsampling.H2V1(output, width, height, components, c);
            }
            else if (maxH == 2 && maxV == 2 && decoder.GetHorizontalSampling(c) == 1 && decoder.GetVerticalSampling(c) == 1)
            {
                FancyUpsampling.H2V2(output, width, height, components, c);
            }
        }

        return output;
    }

    private sealed class Writer(int[] output, int width, int height, int components, int maxValue) : JpegBlockOutputWriter
    {
        public override void WriteBlock(ref short blockRef, int componentIndex, int x, int y)
        {
            if (componentIndex >= components || x >= width || y >= height)
            {
                return;
            }

            var block = MemoryMarshal.CreateReadOnlySpan(ref blockRef, 64);
            var w = Math.Min(8, width - x);
            var h = Math.Min(8, height - y);
            for (var row = 0; row < h; row++)
            {
                var dst = ((((y + row) * width) + x) * components) + componentIndex;
                for (var col = 0; col < w; col++)
                {
                    // The inverse DCT rings past the sample range; libjpeg clamps the same way.
                    output[dst + (col * components)] = Math.Clamp((int)block[(row * 8) + col], 0, maxValue);
                }
            }
        }
    }
}
