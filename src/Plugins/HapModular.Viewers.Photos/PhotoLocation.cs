using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;

namespace HapModular.Viewers.Photos;

/// <summary>
/// A position recorded in the photo's metadata (EXIF GPS, or XMP <c>exif:GPSLatitude</c>). It is read before the
/// metadata is dropped so the page can say the original carries it: a physician who downloads and forwards the
/// original forwards where the patient was photographed.
/// </summary>
internal sealed partial record PhotoLocation(double Latitude, double Longitude)
{
    public static PhotoLocation? Read(ExifProfile? exif, XmpProfile? xmp) => FromExif(exif) ?? FromXmp(xmp);

    /// <summary>Degrees with hemisphere letters, e.g. <c>50.83333° N, 4.35000° E</c> (invariant digits, like a GPS).</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Math.Abs(Latitude):F5}° {(Latitude < 0 ? 'S' : 'N')}, {Math.Abs(Longitude):F5}° {(Longitude < 0 ? 'W' : 'E')}");

    private static PhotoLocation? FromExif(ExifProfile? exif)
    {
        var lat = Degrees(exif?.GetValue(ExifTag.GPSLatitude)?.Value, exif?.GetValue(ExifTag.GPSLatitudeRef)?.Value, 'S');
        var lon = Degrees(exif?.GetValue(ExifTag.GPSLongitude)?.Value, exif?.GetValue(ExifTag.GPSLongitudeRef)?.Value, 'W');
        return lat is { } a && lon is { } b ? new PhotoLocation(a, b) : null;
    }

    private static double? Degrees(SixLabors.ImageSharp.Rational[]? dms, string? hemisphere, char negative)
    {
        if (dms is not { Length: 3 } || dms.Any(r => r.Denominator == 0))
        {
            return null;
        }

        var value = dms[0].ToDouble() + (dms[1].ToDouble() / 60) + (dms[2].ToDouble() / 3600);
        return double.IsFinite(value) && value <= 180 ? (hemisphere?.Trim().StartsWith(negative) == true ? -value : value) : null;
    }

    // XMP (EXIF schema) writes "DDD,MM.mmk" or "DDD,MM,SSk" with k = N/S/E/W.
    private static PhotoLocation? FromXmp(XmpProfile? xmp)
    {
        var bytes = xmp?.ToByteArray();
        if (bytes is null)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var lat = XmpCoordinate(text, "GPSLatitude");
        var lon = XmpCoordinate(text, "GPSLongitude");
        return lat is { } a && lon is { } b ? new PhotoLocation(a, b) : null;
    }

    private static double? XmpCoordinate(string xmp, string name)
    {
        var m = XmpValue().Match(xmp.Replace("exif:" + name, "\u0001", StringComparison.Ordinal));
        if (!m.Success)
        {
            return null;
        }

        var parts = m.Groups["v"].Value.Split(',');
        var hemisphere = m.Groups["k"].Value[0];
        double value = 0, scale = 1;
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            value += number / scale;
            scale *= 60;
        }

        return hemisphere is 'S' or 'W' ? -value : value;
    }

    [GeneratedRegex("\u0001(?:=\"|>)(?<v>[0-9.,]+)(?<k>[NSEW])")]
    private static partial Regex XmpValue();
}
