using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace HapModular.Viewers.Photos;

/// <summary>
/// A photo decoded, turned upright and emptied of every metadata profile (EXIF with GPS and serial numbers,
/// XMP, IPTC, ICC, PNG text). What the page tells the reader is read before the profiles are dropped: the capture
/// date, the picture's own description, the owner named by the camera, and a recorded position (see <see cref="PhotoLocation"/>).
/// </summary>
internal sealed class DecodedPhoto : IDisposable
{
    // A 40-megapixel budget (a full-frame camera is 24–45), checked from the header before decoding, keeps a crafted
    // 9999 × 9999 PNG of a few hundred kilobytes from making the server allocate 400 MB per request.
    private const long MaxPixels = 40_000_000;

    // Decoded photos alive at once (each up to 160 MB): further requests wait their turn instead of adding memory.
    private static readonly SemaphoreSlim Decoding = new(Math.Max(1, Environment.ProcessorCount));
    private int released;

    private readonly Image<Rgba32> image;

    private DecodedPhoto(Image<Rgba32> image, PhotoKind kind, PhotoFacts facts)
    {
        this.image = image;
        Kind = kind;
        Facts = facts;
    }

    public PhotoKind Kind { get; }

    public PhotoFacts Facts { get; }

    public DateTimeOffset? Taken => Facts.Taken;

    public int Width => image.Width;

    public int Height => image.Height;

    public static PhotoLoad Load(ReadOnlySpan<byte> bytes)
    {
        var kind = PhotoFormat.Detect(bytes);
        switch (kind)
        {
            case PhotoKind.Heif:
                return PhotoFormat.IsoBoxesAreComplete(bytes)
                    ? PhotoLoad.Refused("HEIC/HEIF photos cannot be decoded on this server (no maintained HEIF decoder is available); download the original to view it.")
                    : PhotoLoad.Refused("The HEIC/HEIF file is truncated (incomplete download or copy).");
            case PhotoKind.Jpeg when !PhotoFormat.JpegIsComplete(bytes):
                return PhotoLoad.Refused("The JPEG file is truncated: the picture would be incomplete.");
            case PhotoKind.Png when !PhotoFormat.PngIsComplete(bytes):
                return PhotoLoad.Refused("The PNG file is truncated: the picture would be incomplete.");
            case PhotoKind.Unknown:
                return PhotoLoad.Refused("Not a JPEG, PNG or HEIC photo.");
        }

        try
        {
            var array = bytes.ToArray();
            var info = Image.Identify(array);
            if (info is null)
            {
                return PhotoLoad.Refused("The photo header could not be read.");
            }

            if ((long)info.Width * info.Height > MaxPixels)
            {
                return PhotoLoad.Refused($"The photo has {info.Width} × {info.Height} pixels, more than the {MaxPixels / 1_000_000} megapixels this server decodes.");
            }

            Decoding.Wait();
            Image<Rgba32>? img = null;
            try
            {
                img = Image.Load<Rgba32>(array);
                var facts = PhotoFacts.Read(img.Metadata);
                // AutoOrient applies orientations 2–8 and leaves any other value (0, 9…) as stored.
                img.Mutate(x => x.AutoOrient());
                img.Metadata.ExifProfile = null;
                img.Metadata.XmpProfile = null;
                img.Metadata.IptcProfile = null;
                img.Metadata.IccProfile = null;
                img.Metadata.GetPngMetadata().TextData.Clear();
                return PhotoLoad.Ok(new DecodedPhoto(img, kind, facts));
            }
            catch
            {
                // Not handed over: the picture is freed and its turn given back here.
                img?.Dispose();
                Decoding.Release();
                throw;
            }
        }
        catch (Exception e) when (e is ImageFormatException or UnknownImageFormatException or InvalidImageContentException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return PhotoLoad.Refused("The photo could not be decoded (damaged or unsupported encoding).");
        }
    }

    /// <summary>The upright picture, at most <paramref name="max"/> pixels on its longer side, as JPEG or PNG.</summary>
    public (byte[] Bytes, string MediaType) Encode(int max)
    {
        using var copy = image.Clone();
        if (max > 0 && Math.Max(copy.Width, copy.Height) > max)
        {
            copy.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(max, max) }));
        }

        using var ms = new MemoryStream();
        if (Kind == PhotoKind.Png)
        {
            copy.Save(ms, new PngEncoder { CompressionLevel = PngCompressionLevel.DefaultCompression });
            return (ms.ToArray(), "image/png");
        }

        copy.Save(ms, new JpegEncoder { Quality = 90 });
        return (ms.ToArray(), "image/jpeg");
    }

    public void Dispose()
    {
        image.Dispose();
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            Decoding.Release();
        }
    }
}

/// <summary>Either a decoded photo or the plain reason it cannot be shown.</summary>
internal readonly record struct PhotoLoad(DecodedPhoto? Photo, string? Reason)
{
    public static PhotoLoad Ok(DecodedPhoto photo) => new(photo, null);

    public static PhotoLoad Refused(string reason) => new(null, reason);
}
