using System.Globalization;
using HapModular.Dicom;
using HapModular.Dicom.Writing;

namespace HapModular.Viewers.Dicom.DicomWeb;

/// <summary>
/// The DICOMweb paths run once at start-up on a small synthetic CT (no patient data): parsing, decoding, windowing,
/// the PNG and JPEG encoders and the frame extraction are compiled before the first physician's first image, which
/// otherwise paid for it (about 0.4 s on a fresh host). In the background: start-up never waits for it, never fails by it.
/// </summary>
internal static class RenderWarmUp
{
    private const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    public static Task Start(DicomViewer viewer) => Task.Run(() => RunAsync(viewer));

    /// <summary>What each warmed path answered (a binary image or frame, DICOM JSON): the tests check it warmed something.</summary>
    public static async Task<IReadOnlyList<RenderResult>> RunAsync(DicomViewer viewer)
    {
        var content = new ViewerContent(new DocumentMetadata("application/dicom", "warm-up.dcm"), Synthetic(64));
        var results = new List<RenderResult>();
        foreach (var (target, parameters) in new (string, Dictionary<string, string>)[]
        {
            (DicomWebTargets.Rendered, new() { ["frame"] = "1", ["format"] = "png", ["viewport"] = "1024,1024" }),
            (DicomWebTargets.Rendered, new() { ["frame"] = "1", ["format"] = "jpeg" }),
            (DicomWebTargets.Rendered, new() { ["frame"] = "1", ["format"] = "png", ["thumbnail"] = "1", ["viewport"] = "32,32" }),
            (DicomWebTargets.Frame, new() { ["frame"] = "1", ["syntax"] = "original" }),
            (DicomWebTargets.Metadata, new()),
        })
        {
            try
            {
                results.Add(await viewer.RenderAsync(content, new RenderRequest(target, parameters, CultureInfo.InvariantCulture, "./", "./"), CancellationToken.None));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                results.Add(RenderResult.CannotDisplay("warm-up: " + ex.GetType().Name));
            }
        }

        return results;
    }

    /// <summary>A size × size CT slice, 12 bits stored, rescaled to Hounsfield units, with a default window.</summary>
    public static byte[] Synthetic(int size)
    {
        var pixels = new byte[size * size * 2];
        for (var i = 0; i < size * size; i++)
        {
            var value = (ushort)((i * 37) % 4096);
            pixels[2 * i] = (byte)value;
            pixels[(2 * i) + 1] = (byte)(value >> 8);
        }

        var dataset = new DicomDatasetBuilder()
            .Add(new DicomTag(0x0008, 0x0060), "CT")
            .Add(new DicomTag(0x0020, 0x000D), DicomUids.For("warm-up-study"))
            .Add(new DicomTag(0x0020, 0x000E), DicomUids.For("warm-up-series"))
            .Add(new DicomTag(0x0028, 0x0002), 1)
            .Add(new DicomTag(0x0028, 0x0004), "MONOCHROME2")
            .Add(new DicomTag(0x0028, 0x0010), size)
            .Add(new DicomTag(0x0028, 0x0011), size)
            .Add(new DicomTag(0x0028, 0x0030), 0.7, 0.7)
            .Add(new DicomTag(0x0028, 0x0100), 16)
            .Add(new DicomTag(0x0028, 0x0101), 12)
            .Add(new DicomTag(0x0028, 0x0102), 11)
            .Add(new DicomTag(0x0028, 0x0103), 0)
            .Add(new DicomTag(0x0028, 0x1050), 40)
            .Add(new DicomTag(0x0028, 0x1051), 400)
            .Add(new DicomTag(0x0028, 0x1052), -1024)
            .Add(new DicomTag(0x0028, 0x1053), 1)
            .AddBytes(new DicomTag(0x7FE0, 0x0010), DicomVR.OW, pixels);
        return DicomFileWriter.Write(dataset, CtImageStorage, DicomUids.For("warm-up-instance"));
    }
}
