using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace HapModular.DemoSet;

/// <summary>
/// Dermatology follow-up photos, before and after treatment: skin with a red lesion that has shrunk and paled on
/// the second photo, and a 1-cm scale bar in the corner as clinicians photograph it.
/// </summary>
internal static class Photos
{
    private const int Width = 640;
    private const int Height = 480;

    public static (string, byte[]) Before() => ("photo-lesion-avant.jpg", Lesion(radius: 70, redness: 1.0, seed: 1));

    public static (string, byte[]) After() => ("photo-lesion-apres.jpg", Lesion(radius: 38, redness: 0.45, seed: 2));

    private static byte[] Lesion(double radius, double redness, int seed)
    {
        var random = new Random(seed);
        using var image = new Image<Rgb24>(Width, Height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < Width; x++)
                {
                    // Skin tone with soft shading and grain; the lesion's redness fades towards its edge.
                    var shade = 1 - (0.15 * Math.Abs(y - (Height / 2.0)) / Height);
                    var grain = random.Next(-6, 7);
                    double r = 224 * shade, g = 178 * shade, b = 150 * shade;
                    var d = Math.Sqrt(Math.Pow(x - 320, 2) + Math.Pow((y - 240) * 1.2, 2)) / radius;
                    if (d < 1.25)
                    {
                        var w = redness * Math.Clamp(1.25 - d, 0, 1);
                        r += w * (200 - r);
                        g -= w * 110;
                        b -= w * 85;
                    }

                    var bar = y is > 440 and < 448 && x is > 40 and < 140;
                    row[x] = bar ? new Rgb24(20, 20, 20) : new Rgb24(Byte(r + grain), Byte(g + grain), Byte(b + grain));
                }
            }
        });

        using var output = new MemoryStream();
        image.Save(output, new JpegEncoder { Quality = 88 });
        return output.ToArray();
    }

    private static byte Byte(double v) => (byte)Math.Clamp(v, 0, 255);
}
