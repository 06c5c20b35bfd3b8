using System.Buffers;

namespace HapModular.Dicom.Imaging;

/// <summary>An 8-bit display image: grey (1 channel) or RGB (3 channels, interleaved), rows top to bottom.</summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Channels">1 or 3.</param>
/// <param name="Pixels">Width × Height × Channels bytes.</param>
public sealed record RenderedImage(int Width, int Height, int Channels, byte[] Pixels)
{
    /// <summary>
    /// The pixels were rented from <see cref="ArrayPool{T}.Shared"/> (<see cref="DicomImage.RenderPooled"/>): the array
    /// may be longer than Width × Height × Channels, and goes back with <see cref="ReturnToPool"/> once encoded.
    /// </summary>
    public bool Pooled { get; init; }

    /// <summary>Gives pooled pixels back (nothing for an image that owns its array); the image is not used afterwards.</summary>
    public void ReturnToPool()
    {
        if (Pooled)
        {
            ArrayPool<byte>.Shared.Return(Pixels);
        }
    }

    /// <summary>A copy scaled down (box average) so that the longer side is at most <paramref name="maxSide"/>.</summary>
    /// <param name="maxSide">The largest allowed side.</param>
    /// <returns>This image when already small enough, else the reduced copy.</returns>
    public RenderedImage Fit(int maxSide)
    {
        var longer = Math.Max(Width, Height);
        if (maxSide <= 0 || longer <= maxSide)
        {
            return this;
        }

        var w = Math.Max(1, (int)((long)Width * maxSide / longer));
        var h = Math.Max(1, (int)((long)Height * maxSide / longer));
        var result = new byte[w * h * Channels];
        for (var y = 0; y < h; y++)
        {
            var y0 = (int)((long)y * Height / h);
            var y1 = Math.Max(y0 + 1, (int)((long)(y + 1) * Height / h));
            for (var x = 0; x < w; x++)
            {
                var x0 = (int)((long)x * Width / w);
                var x1 = Math.Max(x0 + 1, (int)((long)(x + 1) * Width / w));
                for (var c = 0; c < Channels; c++)
                {
                    long sum = 0;
                    for (var yy = y0; yy < y1; yy++)
                    {
                        for (var xx = x0; xx < x1; xx++)
                        {
                            sum += Pixels[(((yy * Width) + xx) * Channels) + c];
                        }
                    }

                    result[(((y * w) + x) * Channels) + c] = (byte)(sum / ((y1 - y0) * (x1 - x0)));
                }
            }
        }

        return new RenderedImage(w, h, Channels, result);
    }
}
