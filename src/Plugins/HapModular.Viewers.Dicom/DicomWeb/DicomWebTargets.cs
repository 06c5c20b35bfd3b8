using System.Globalization;
using HapModular.Dicom;
using HapModular.Dicom.Imaging;

namespace HapModular.Viewers.Dicom.DicomWeb;

/// <summary>
/// What the portal's DICOMweb server (PS3.18) asks the plugin for, one instance at a time: its metadata as DICOM JSON,
/// a frame's bytes (as stored, or uncompressed little endian) and the rendered resources. The host routes, guards and
/// audits; DICOM knowledge stays here.
/// </summary>
internal static class DicomWebTargets
{
    public const string Metadata = "dicomweb-metadata";
    public const string Frame = "dicomweb-frame";
    public const string Rendered = "dicomweb-rendered";
    public const string Dictionary = "dicomweb-dictionary";
    public const string BulkData = "dicomweb-bulkdata";

    private const string ExplicitLittle = TransferSyntax.ExplicitVRLittleEndianUid;

    public static bool Handles(string target) => target is Metadata or Frame or Rendered or BulkData;

    public static RenderResult Render(DicomFile file, RenderRequest request, CancellationToken cancellationToken)
    {
        if (request.Target == Metadata)
        {
            return RenderResult.Json(DicomJson.Write(file));
        }

        if (request.Target == BulkData)
        {
            return BulkValue(file, request.Parameters.GetValueOrDefault("path") ?? string.Empty);
        }

        if (!file.Dataset.Contains(DicomTags.PixelData))
        {
            return RenderResult.CannotDisplay("This DICOM object has no image (no Pixel Data).");
        }

        var image = DicomImage.Create(file);
        var frame = request.GetInt("frame", 1);
        if (frame < 1 || frame > image.FrameCount)
        {
            return RenderResult.CannotDisplay($"Frame {frame} does not exist: the object has {image.FrameCount} frame(s).");
        }

        cancellationToken.ThrowIfCancellationRequested();
        return request.Target == Frame
            ? FrameBytes(image, frame - 1, request.Parameters.GetValueOrDefault("syntax") == "original")
            : RenderedFrame.Render(image, frame - 1, request);
    }

    private static RenderResult FrameBytes(DicomImage image, int frame, bool original)
    {
        var file = image.File;
        var syntax = file.TransferSyntax;
        if (syntax.Encapsulated && original)
        {
            return RenderResult.Binary(image.EncodedFrame(frame).ToArray(), $"{MediaTypeOf(syntax.Uid)}; transfer-syntax={syntax.Uid}");
        }

        if (!syntax.Encapsulated)
        {
            var bytes = image.EncodedFrame(frame).ToArray();
            var pixelData = file.Dataset[DicomTags.PixelData]!;
            if (pixelData.BigEndian && pixelData.VR != DicomVR.OB)
            {
                SwapToLittleEndian(bytes, Math.Max(1, image.Description.BitsAllocated / 8));
            }

            return RenderResult.Binary(bytes, $"application/octet-stream; transfer-syntax={ExplicitLittle}");
        }

        // Asked uncompressed: decode with the portal's own pipeline and pack the stored values little endian.
        var values = image.DecodeStored(frame, out _);
        var bytesPerSample = image.Description.BitsAllocated <= 8 ? 1 : image.Description.BitsAllocated <= 16 ? 2 : 4;
        var packed = new byte[values.Length * bytesPerSample];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            for (var b = 0; b < bytesPerSample; b++)
            {
                packed[(i * bytesPerSample) + b] = (byte)(v >> (8 * b));
            }
        }

        return RenderResult.Binary(packed, $"application/octet-stream; transfer-syntax={ExplicitLittle}");
    }

    /// <summary>
    /// The value of the element a BulkDataURI names (<see cref="DicomJson"/>: "tag" or "sequence tag/item index/tag…"),
    /// little endian as PS3.18 §8.7.4 sends bulk data; encapsulated values as their fragments in order.
    /// </summary>
    private static RenderResult BulkValue(DicomFile file, string path)
    {
        var steps = path.Split('/');
        var ds = file.Dataset;
        DicomElement? element = null;
        for (var i = 0; i < steps.Length; i += 2)
        {
            if (!uint.TryParse(steps[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var tag) || ds[new DicomTag(tag)] is not { } e)
            {
                return RenderResult.CannotDisplay("No such bulk data.");
            }

            if (i + 1 == steps.Length)
            {
                element = e;
                break;
            }

            if (!int.TryParse(steps[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= e.Items.Count)
            {
                return RenderResult.CannotDisplay("No such bulk data.");
            }

            ds = e.Items[index];
        }

        if (element is null || element.IsSequence)
        {
            return RenderResult.CannotDisplay("No such bulk data.");
        }

        var bytes = element.Fragments is { } fragments
            ? [.. fragments.Fragments.SelectMany(f => f.ToArray())]
            : element.RawValue.ToArray();
        if (element.BigEndian && element.VR != DicomVR.OB && DicomVRInfo.BinarySize(element.VR) is var size and > 1)
        {
            SwapToLittleEndian(bytes, size);
        }

        return RenderResult.Binary(bytes, "application/octet-stream");
    }

    private static void SwapToLittleEndian(byte[] bytes, int size)
    {
        if (size == 1)
        {
            return;
        }

        for (var i = 0; i + size <= bytes.Length; i += size)
        {
            Array.Reverse(bytes, i, size);
        }
    }

    /// <summary>PS3.18 Table 8.7.3-2: the media type of a compressed frame by transfer syntax.</summary>
    public static string MediaTypeOf(string transferSyntax) => transferSyntax switch
    {
        TransferSyntax.JpegBaselineUid or TransferSyntax.JpegExtendedUid => "image/jpeg",
        TransferSyntax.JpegLosslessUid or TransferSyntax.JpegLosslessSv1Uid => "image/jll",
        TransferSyntax.JpegLsLosslessUid or TransferSyntax.JpegLsNearLosslessUid => "image/jls",
        TransferSyntax.Jpeg2000LosslessUid or TransferSyntax.Jpeg2000Uid => "image/jp2",
        TransferSyntax.RleLosslessUid => "image/x-dicom-rle",
        "1.2.840.10008.1.2.4.201" or "1.2.840.10008.1.2.4.202" or "1.2.840.10008.1.2.4.203" => "image/jphc",
        _ => "application/octet-stream",
    };

    /// <summary>Keyword → tag (8 hex digits) for every attribute of the data dictionary.</summary>
    public static string DictionaryJson()
    {
        using var stream = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach (var (tag, keyword) in DicomDictionary.Keywords())
            {
                json.WriteString(keyword, tag.Value.ToString("X8", CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
