using System.Globalization;
using HapModular.Dicom.Imaging;
using HapModular.Viewers;
using HapModular.Viewers.DeviceReports;
using HapModular.Viewers.DeviceReports.Ecg;

namespace HapModular.Dicom.Metamorphic.Tests;

/// <summary>
/// What a reader gets from one file, whatever its encoding: the inspector's facts (title, date, record keys:
/// patient, UIDs, frames…), the waveform attributes (channels, sensitivities, sample counts), the stored values
/// and rendering of the first and last frame, and an ECG's samples in µV.
/// </summary>
internal sealed class Observation
{
    private static readonly IViewer[] Viewers =
    [
        .. new Viewers.Dicom.DicomViewersPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>())),
        .. new DeviceReportsPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>())),
    ];

    public string? Error { get; private init; }

    public string TransferSyntax { get; private init; } = string.Empty;

    public SortedDictionary<string, string> Facts { get; } = new(StringComparer.Ordinal);

    public List<(string Name, int[] Stored, RenderedImage Image)> Frames { get; } = [];

    public EcgRecording? Ecg { get; private init; }

    /// <summary>Whether the first frame is a DCT (lossy) JPEG stream, whatever the transfer syntax says.</summary>
    public bool DctCodestream { get; private init; }

    public static async Task<Observation> Of(byte[] bytes)
    {
        if (!DicomFile.TryRead(bytes, out var file, out var error))
        {
            return new Observation { Error = "not readable: " + error };
        }

        var sop = file!.Dataset.GetString(DicomTags.SopClassUid) ?? file.Meta.GetString(DicomTags.MediaStorageSopClassUid);
        var metadata = new DocumentMetadata("application/dicom", "file.dcm", sop);
        var viewer = Viewers.MaxBy(v => v.Match(metadata))!;
        var inspection = await viewer.InspectAsync(new ViewerContent(metadata, bytes), CancellationToken.None);
        var o = new Observation
        {
            TransferSyntax = file.TransferSyntax.Uid,
            Ecg = viewer.Descriptor.Id == "devicereports.ecg" ? EcgSource.Load(bytes, out _) : null,
            DctCodestream = file.Dataset[DicomTags.PixelData]?.Fragments is { } f && IsDct(f),
        };
        o.Facts["viewer"] = viewer.Descriptor.Id;
        o.Facts["inspection"] = inspection.Succeeded ? (inspection.Displayable ? "ok" : "not displayable") : "failed";
        o.Facts["title"] = inspection.Title ?? "-";
        o.Facts["date"] = inspection.ClinicalDate?.ToString("O", CultureInfo.InvariantCulture) ?? "-";
        o.Facts["thumbnail"] = inspection.Thumbnail is null ? "none" : "png";
        foreach (var (k, v) in inspection.Keys)
        {
            o.Facts["key." + k] = v;
        }

        Waveform(file.Dataset, o.Facts);
        if (o.Ecg is { } ecg)
        {
            o.Facts["ecg"] = string.Create(CultureInfo.InvariantCulture, $"{ecg.SampleRateHz} Hz, leads {string.Join(' ', ecg.Leads.Select(l => $"{l.Name}:{l.MicroVolts.Length}"))}, calibrated {ecg.Calibrated}");
            o.Facts["ecg.groups"] = string.Join(" | ", ecg.Groups.Select(g => g.Status.ToString()));
            o.Facts["ecg.measurements"] = string.Join(' ', ecg.Measurements.Select(m => $"{m.Key}={m.Value}{m.Unit}"));
        }

        o.Frames.AddRange(Pixels(file));
        return o;
    }

    // The start-of-frame marker of the first fragment holding a JPEG stream: SOF0–SOF2 are DCT (lossy) processes.
    private static bool IsDct(DicomFragments fragments)
    {
        var s = fragments.Fragments.Select(x => x.Span.ToArray()).FirstOrDefault(x => x.Length > 4 && x[0] == 0xFF && x[1] == 0xD8);
        for (var p = 2; s is not null && p + 4 <= s.Length && s[p] == 0xFF; p += 2 + ((s[p + 2] << 8) | s[p + 3]))
        {
            if (s[p + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                return true;
            }

            if (s[p + 1] is 0xC3 or 0xC7 or 0xF7 or 0xDA)
            {
                return false;
            }
        }

        return false;
    }

    // The waveform module as stored: per group and channel, what the scaling to µV depends on.
    private static void Waveform(DicomDataset ds, SortedDictionary<string, string> facts)
    {
        var groups = ds.GetSequence(new DicomTag(0x5400, 0x0100));
        for (var g = 0; g < groups.Count; g++)
        {
            string Text(DicomDataset d, ushort group, ushort element) => d.GetString(new DicomTag(group, element)) ?? "-";
            string Number(DicomDataset d, ushort group, ushort element) =>
                d.TryGetDouble(new DicomTag(group, element), out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : "-";
            var item = groups[g];
            facts[$"wf{g}"] = $"channels {Number(item, 0x003A, 0x0005)}, samples {Number(item, 0x003A, 0x0010)}, {Number(item, 0x003A, 0x001A)} Hz, {Number(item, 0x5400, 0x1004)} bit {Text(item, 0x5400, 0x1006)}, label {Text(item, 0x003A, 0x0020)}";
            var channels = item.GetSequence(new DicomTag(0x003A, 0x0200));
            for (var c = 0; c < channels.Count; c++)
            {
                var ch = channels[c];
                var unit = ch.GetSequence(new DicomTag(0x003A, 0x0211)).FirstOrDefault() is { } u ? Text(u, 0x0008, 0x0100) : "-";
                facts[$"wf{g}.ch{c:00}"] = $"sensitivity {Number(ch, 0x003A, 0x0210)} {unit} × {Number(ch, 0x003A, 0x0212)} + {Number(ch, 0x003A, 0x0213)}";
            }
        }
    }

    private static IEnumerable<(string, int[], RenderedImage)> Pixels(DicomFile file)
    {
        if (!file.Dataset.Contains(DicomTags.PixelData))
        {
            yield break;
        }

        DicomImage image;
        try
        {
            image = DicomImage.Create(file);
        }
        catch (Exception ex) when (ex is DicomImageException or DicomReadException)
        {
            yield break;
        }

        foreach (var frame in new[] { 0, image.FrameCount - 1 }.Distinct())
        {
            (string, int[], RenderedImage)? result;
            try
            {
                result = ($"frame {frame + 1}", image.DecodeStored(frame, out _), image.Render(frame, VoiChoice.Default));
            }
            catch (Exception ex) when (ex is DicomImageException or DicomReadException)
            {
                result = ($"frame {frame + 1}: {ex.Message}", [], new RenderedImage(0, 0, 1, []));
            }

            yield return result.Value;
        }
    }
}
