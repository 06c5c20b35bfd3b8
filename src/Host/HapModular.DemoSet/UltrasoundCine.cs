using HapModular.Dicom;
using HapModular.Dicom.Writing;

namespace HapModular.DemoSet;

/// <summary>
/// An echocardiography loop: Ultrasound Multi-frame Image Storage, 8-bit MONOCHROME2, 48 frames at 25 frames/s
/// (two heartbeats at 62/min): a sector with speckle, a ventricle that contracts and relaxes.
/// </summary>
internal static class UltrasoundCine
{
    public const string SopClass = "1.2.840.10008.5.1.4.1.1.3.1";
    private const int Width = 240;
    private const int Height = 200;
    private const int Frames = 48;

    public static (string FileName, byte[] Content) Write(DemoPerson person, DateTimeOffset date)
    {
        var key = $"{person.LastName}/{person.FirstName}/{person.BirthDate:yyyyMMdd}/echo";
        var random = new Random(1234);
        var speckle = new byte[Width * Height];
        random.NextBytes(speckle);
        var pixels = new byte[Width * Height * Frames];
        for (var f = 0; f < Frames; f++)
        {
            // Ventricle radius follows the cardiac cycle: 24 frames per beat.
            var phase = Math.Cos(2 * Math.PI * f / 24.0);
            var rx = 34 + (8 * phase);
            var ry = 52 + (10 * phase);
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < Width; x++)
                {
                    var dx = x - (Width / 2.0);
                    var angle = Math.Atan2(dx, y + 1);
                    var inSector = Math.Abs(angle) < 0.7 && y > 4;
                    byte value = 0;
                    if (inSector)
                    {
                        var vx = dx / rx;
                        var vy = (y - 110.0) / ry;
                        var d = Math.Sqrt((vx * vx) + (vy * vy));
                        var tissue = d < 1 ? 18 : d < 1.35 ? 170 : 90;
                        value = (byte)Math.Clamp(tissue + ((speckle[(y * Width) + x] - 128) / 3) - (y / 8), 0, 255);
                    }

                    pixels[(f * Width * Height) + (y * Width) + x] = value;
                }
            }
        }

        var data = DemoDicom.Patient(person, date)
            .Add(new DicomTag(0x0008, 0x0060), "US")
            .Add(new DicomTag(0x0008, 0x103E), "Échocardiographie, coupe 4 cavités")
            .Add(new DicomTag(0x0020, 0x000D), DicomUids.For(key + "/study"))
            .Add(new DicomTag(0x0020, 0x000E), DicomUids.For(key + "/series"))
            .Add(new DicomTag(0x0020, 0x0011), 1)
            .Add(new DicomTag(0x0020, 0x0013), 1)
            .Add(new DicomTag(0x0028, 0x0002), 1)
            .Add(new DicomTag(0x0028, 0x0004), "MONOCHROME2")
            .Add(new DicomTag(0x0028, 0x0008), Frames)
            .Add(new DicomTag(0x0028, 0x0010), Height)
            .Add(new DicomTag(0x0028, 0x0011), Width)
            .Add(new DicomTag(0x0028, 0x0100), 8)
            .Add(new DicomTag(0x0028, 0x0101), 8)
            .Add(new DicomTag(0x0028, 0x0102), 7)
            .Add(new DicomTag(0x0028, 0x0103), 0)
            .AddBytes(new DicomTag(0x7FE0, 0x0010), DicomVR.OB, pixels);
        var frameTime = new DicomTag(0x0018, 0x1063);
        if (DicomDictionary.TryLookup(frameTime, out _, out _))
        {
            // 40 ms a frame (25 frames/s), and the pointer that says frames advance by Frame Time.
            data.Add(frameTime, 40).AddTag(new DicomTag(0x0028, 0x0009), frameTime);
        }

        return ("echo-cine.dcm", DicomFileWriter.Write(data, SopClass, DicomUids.For(key + "/instance")));
    }
}
