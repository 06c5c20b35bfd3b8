using System.Globalization;
using HapModular.Dicom;
using HapModular.Dicom.Writing;

namespace HapModular.DemoSet;

/// <summary>
/// A cross-sectional series cut from a phantom: axial slices, head first, with the geometry a viewer needs
/// (Image Position/Orientation (Patient), Pixel Spacing, Slice Thickness, Slice Location, Frame of Reference),
/// 12 bits stored in 16, the modality's rescale and its usual windows.
/// </summary>
internal sealed record SeriesPlan(
    string Name, string Modality, string SopClass, string Description, Phantom Phantom, int Size, double PixelMm, int Slices, double SliceMm,
    double Intercept, double[] WindowCenters, double[] WindowWidths, string[] WindowNames, string BodyPart);

internal static class SeriesWriter
{
    public static IEnumerable<(string FileName, byte[] Content)> Write(SeriesPlan plan, DemoPerson person, DateTimeOffset date)
    {
        var key = $"{person.LastName}/{person.FirstName}/{person.BirthDate:yyyyMMdd}/{plan.Name}";
        var study = DicomUids.For(key + "/study");
        var series = DicomUids.For(key + "/series");
        var frame = DicomUids.For(key + "/frame-of-reference");
        var random = new Random(plan.Name.Length * 7919 + plan.Slices);
        var half = plan.Size * plan.PixelMm / 2;
        for (var s = 0; s < plan.Slices; s++)
        {
            // Head first: the first slice is the highest (z), as a scanner writes a head-to-feet acquisition.
            var z = ((plan.Slices - 1) / 2.0 - s) * plan.SliceMm;
            var pixels = new byte[plan.Size * plan.Size * 2];
            for (var row = 0; row < plan.Size; row++)
            {
                var y = -half + ((row + 0.5) * plan.PixelMm);
                for (var col = 0; col < plan.Size; col++)
                {
                    var x = -half + ((col + 0.5) * plan.PixelMm);
                    var stored = (int)Math.Round(plan.Phantom.Value(x, y, z, random) - plan.Intercept);
                    var clamped = (ushort)Math.Clamp(stored, 0, 4095);
                    pixels[((row * plan.Size) + col) * 2] = (byte)clamped;
                    pixels[(((row * plan.Size) + col) * 2) + 1] = (byte)(clamped >> 8);
                }
            }

            var when = date.AddSeconds(s);
            var data = DemoDicom.Patient(person, date)
                .Add(T(0x0008, 0x0008), "ORIGINAL", "PRIMARY", "AXIAL")
                .Add(T(0x0008, 0x0021), date.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
                .Add(T(0x0008, 0x0031), date.ToString("HHmmss", CultureInfo.InvariantCulture))
                .Add(T(0x0008, 0x0023), when.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
                .Add(T(0x0008, 0x0033), when.ToString("HHmmss", CultureInfo.InvariantCulture))
                .Add(T(0x0008, 0x0060), plan.Modality)
                .Add(T(0x0008, 0x103E), plan.Description)
                .Add(T(0x0018, 0x0015), plan.BodyPart)
                .Add(T(0x0018, 0x0050), plan.SliceMm)
                .Add(T(0x0020, 0x000D), study)
                .Add(T(0x0020, 0x000E), series)
                .Add(T(0x0020, 0x0011), 1)
                .Add(T(0x0020, 0x0013), s + 1)
                .Add(T(0x0020, 0x0032), -half + (plan.PixelMm / 2), -half + (plan.PixelMm / 2), z)
                .Add(T(0x0020, 0x0037), 1, 0, 0, 0, 1, 0)
                .Add(T(0x0020, 0x0052), frame)
                .Add(T(0x0020, 0x1041), z)
                .Add(T(0x0028, 0x0002), 1)
                .Add(T(0x0028, 0x0004), "MONOCHROME2")
                .Add(T(0x0028, 0x0010), plan.Size)
                .Add(T(0x0028, 0x0011), plan.Size)
                .Add(T(0x0028, 0x0030), plan.PixelMm, plan.PixelMm)
                .Add(T(0x0028, 0x0100), 16)
                .Add(T(0x0028, 0x0101), 12)
                .Add(T(0x0028, 0x0102), 11)
                .Add(T(0x0028, 0x0103), 0)
                .Add(T(0x0028, 0x1050), plan.WindowCenters)
                .Add(T(0x0028, 0x1051), plan.WindowWidths)
                .Add(T(0x0028, 0x1055), plan.WindowNames)
                .Add(T(0x0028, 0x1052), plan.Intercept)
                .Add(T(0x0028, 0x1053), 1)
                .AddBytes(T(0x7FE0, 0x0010), DicomVR.OW, pixels);
            var name = string.Create(CultureInfo.InvariantCulture, $"{plan.Name}-{s + 1:000}.dcm");
            yield return (name, DicomFileWriter.Write(data, plan.SopClass, DicomUids.For(key + "/" + name)));
        }
    }

    private static DicomTag T(ushort group, ushort element) => new(group, element);
}
