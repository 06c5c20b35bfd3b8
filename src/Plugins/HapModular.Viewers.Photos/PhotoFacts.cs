using System.Globalization;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;

namespace HapModular.Viewers.Photos;

/// <summary>What a photo's metadata says that the reader must know, read before the metadata is dropped.</summary>
/// <param name="Taken">The capture date (EXIF DateTimeOriginal, else DateTime), or null when the photo does not say.</param>
/// <param name="Description">The picture's own description (EXIF ImageDescription or XPTitle), when it has one.</param>
/// <param name="Owner">The person the camera names (EXIF CameraOwnerName, else Artist).</param>
/// <param name="Location">A recorded GPS position.</param>
internal sealed record PhotoFacts(DateTimeOffset? Taken, string? Description, string? Owner, PhotoLocation? Location)
{
    public static PhotoFacts Read(ImageMetadata metadata)
    {
        var exif = metadata.ExifProfile;
        return new PhotoFacts(
            CaptureDate(exif),
            Text(exif?.GetValue(ExifTag.ImageDescription)?.Value) ?? Text(exif?.GetValue(ExifTag.XPTitle)?.Value),
            Text(exif?.GetValue(ExifTag.OwnerName)?.Value) ?? Text(exif?.GetValue(ExifTag.Artist)?.Value),
            PhotoLocation.Read(exif, metadata.XmpProfile));
    }

    // Cameras pad text fields with NULs or spaces, and some write placeholder descriptions.
    private static string? Text(string? value)
    {
        var text = value?.Trim('\0', ' ', '\t', '\r', '\n');
        return string.IsNullOrEmpty(text) || text.Length > 200 || Placeholders.Contains(text) ? null : text;
    }

    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "OLYMPUS DIGITAL CAMERA", "SONY DSC", "DCIM", "Default", "Image", "Photo", "untitled", "-",
    };

    private static DateTimeOffset? CaptureDate(ExifProfile? exif)
    {
        var raw = exif?.GetValue(ExifTag.DateTimeOriginal)?.Value ?? exif?.GetValue(ExifTag.DateTime)?.Value;
        if (raw is null || !DateTime.TryParseExact(raw.Trim('\0', ' '), "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var offsetText = exif!.GetValue(ExifTag.OffsetTimeOriginal)?.Value;
        if (offsetText is not null && TimeSpan.TryParseExact(offsetText.TrimStart('+'), @"hh\:mm", CultureInfo.InvariantCulture, out var offset))
        {
            return new DateTimeOffset(local, offsetText.StartsWith('-') ? -offset : offset);
        }

        // EXIF without an offset is camera-local time; the hospital's cameras are in Belgium.
        return new DateTimeOffset(local, BrusselsOffset(local));
    }

    private static TimeSpan BrusselsOffset(DateTime local)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels").GetUtcOffset(local);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeSpan.Zero;
        }
    }
}
