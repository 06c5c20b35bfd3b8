using System.Globalization;

namespace HapModular.Dicom;

/// <summary>
/// The attributes this reader knows by name: their VR (needed for implicit VR files) and keyword (for dumps).
/// A subset of PS3.6 covering patient/study/series, image pixel, VOI, palette, SR, waveform and file meta.
/// </summary>
public static partial class DicomDictionary
{
    private static readonly Dictionary<uint, (DicomVR Vr, string Keyword)> Entries = Parse();

    /// <summary>Looks a tag up.</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="vr">Its VR; UN when unknown.</param>
    /// <param name="keyword">Its keyword; empty when unknown.</param>
    /// <returns>Whether the tag is known.</returns>
    public static bool TryLookup(DicomTag tag, out DicomVR vr, out string keyword)
    {
        if (Entries.TryGetValue(tag.Value, out var e))
        {
            (vr, keyword) = e;
            return true;
        }

        // Group lengths and private creators have fixed VRs whatever the group.
        if (tag.Element == 0)
        {
            (vr, keyword) = (DicomVR.UL, "GroupLength");
            return true;
        }

        if (tag.IsPrivate && tag.Element is >= 0x10 and <= 0xFF)
        {
            (vr, keyword) = (DicomVR.LO, "PrivateCreator");
            return true;
        }

        if ((tag.Group & 0xFF01) == 0x6000)
        {
            (vr, keyword) = tag.Element switch
            {
                0x0010 => (DicomVR.US, "OverlayRows"),
                0x0011 => (DicomVR.US, "OverlayColumns"),
                0x0015 => (DicomVR.IS, "NumberOfFramesInOverlay"),
                0x0022 => (DicomVR.LO, "OverlayDescription"),
                0x0040 => (DicomVR.CS, "OverlayType"),
                0x0050 => (DicomVR.SS, "OverlayOrigin"),
                0x0051 => (DicomVR.US, "ImageFrameOrigin"),
                0x0100 => (DicomVR.US, "OverlayBitsAllocated"),
                0x0102 => (DicomVR.US, "OverlayBitPosition"),
                0x3000 => (DicomVR.OW, "OverlayData"),
                _ => (DicomVR.UN, string.Empty),
            };
            return vr != DicomVR.UN;
        }

        (vr, keyword) = (DicomVR.UN, string.Empty);
        return false;
    }

    /// <summary>The VR a tag has in implicit VR encoding (UN when unknown).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The VR.</returns>
    public static DicomVR VrOf(DicomTag tag) => TryLookup(tag, out var vr, out _) ? vr : DicomVR.UN;

    /// <summary>The keyword of a tag, or an empty string.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The keyword.</returns>
    public static string KeywordOf(DicomTag tag) => TryLookup(tag, out _, out var k) ? k : string.Empty;

    private static Dictionary<uint, (DicomVR, string)> Parse()
    {
        var result = new Dictionary<uint, (DicomVR, string)>();
        foreach (var line in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            result[uint.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = (Enum.Parse<DicomVR>(parts[1]), parts[2]);
        }

        return result;
    }
}
