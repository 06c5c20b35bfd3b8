using System.Globalization;
using System.Text;
using System.Text.Json;
using HapModular.Dicom;

namespace HapModular.Viewers.Dicom.DicomWeb;

/// <summary>
/// The DICOM JSON model (PS3.18 Annex F) of a data set: tags as 8 upper-case hex digits, the VR the file or the data
/// dictionary gives, numbers as numbers, person names by component group, sequences as item objects. Binary values
/// up to <see cref="InlineLimit"/> bytes are inline (base64); larger ones and Pixel Data are bulk data references.
/// A DS or IS value that is not a number stays the text it is (a visible error rather than a silent drop).
/// </summary>
internal static class DicomJson
{
    /// <summary>The placeholder a bulk data URI starts with; the host replaces it with the instance's URL.</summary>
    public const string BulkPlaceholder = "{instance}";

    private const int InlineLimit = 1024;

    public static string Write(DicomFile file)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            if (file.Meta.GetString(new DicomTag(0x0002, 0x0010)) is { Length: > 0 } syntax)
            {
                // Not part of the data set, but clients pick the frame decoder from it.
                json.WritePropertyName("00020010");
                json.WriteStartObject();
                json.WriteString("vr", "UI");
                json.WriteStartArray("Value");
                json.WriteStringValue(syntax);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            WriteElements(json, file.Dataset, string.Empty);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // path: where this data set sits ("" at the top, "{sequence tag}/{item index}/" inside a sequence), so that a bulk data
    // URI names its element exactly (a tag alone was ambiguous inside sequences, e.g. an icon's Pixel Data).
    private static void WriteElements(Utf8JsonWriter json, DicomDataset ds, string path)
    {
        var seen = new HashSet<uint>();
        foreach (var e in ds.Elements.OrderBy(e => e.Tag.Value))
        {
            // Group lengths are encoding artefacts; duplicates keep their first occurrence, like every lookup.
            if (e.Tag.Element == 0 || e.Tag.Group == 0x0002 || !seen.Add(e.Tag.Value) || e.Tag.Group == 0xFFFE)
            {
                continue;
            }

            json.WritePropertyName(e.Tag.Value.ToString("X8", CultureInfo.InvariantCulture));
            json.WriteStartObject();
            json.WriteString("vr", e.VR.ToString());
            WriteValue(json, ds, e, path);
            json.WriteEndObject();
        }
    }

    private static void WriteValue(Utf8JsonWriter json, DicomDataset ds, DicomElement e, string path)
    {
        if (e.IsSequence)
        {
            json.WriteStartArray("Value");
            for (var index = 0; index < e.Items.Count; index++)
            {
                json.WriteStartObject();
                WriteElements(json, e.Items[index], $"{path}{e.Tag.Value:x8}/{index.ToString(CultureInfo.InvariantCulture)}/");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            return;
        }

        if (e.Tag == DicomTags.PixelData || e.Fragments is not null || IsBinary(e.VR) && e.RawValue.Length > InlineLimit)
        {
            json.WriteString("BulkDataURI", $"{BulkPlaceholder}/bulkdata/{path}{e.Tag.Value:x8}");
            return;
        }

        if (e.RawValue.Length == 0)
        {
            return;
        }

        if (IsBinary(e.VR))
        {
            json.WriteString("InlineBinary", Convert.ToBase64String(e.RawValue.Span));
            return;
        }

        json.WriteStartArray("Value");
        if (DicomVRInfo.BinarySize(e.VR) is var size and > 0 && e.VR != DicomVR.AT)
        {
            for (var i = 0; i < e.Count(size); i++)
            {
                if (e.TryGetBinaryNumber(i, out var number))
                {
                    json.WriteNumberValue(number);
                }
            }
        }
        else if (e.VR == DicomVR.AT)
        {
            for (var i = 0; i < e.Count(4); i++)
            {
                var group = e.GetUInt16(i * 2);
                var element = e.GetUInt16((i * 2) + 1);
                json.WriteStringValue(((uint)((group << 16) | element)).ToString("X8", CultureInfo.InvariantCulture));
            }
        }
        else
        {
            WriteText(json, ds.DecodeText(e), e.VR);
        }

        json.WriteEndArray();
    }

    private static void WriteText(Utf8JsonWriter json, string text, DicomVR vr)
    {
        var values = DicomVRInfo.IsMultiValuedText(vr) ? text.Split('\\') : [text];
        foreach (var raw in values)
        {
            var v = vr is DicomVR.LT or DicomVR.ST or DicomVR.UT ? raw.TrimEnd(' ', '\0') : raw.Trim(' ', '\0');
            if (v.Length == 0)
            {
                json.WriteNullValue();
            }
            else if (vr == DicomVR.PN)
            {
                var groups = v.Split('=');
                json.WriteStartObject();
                string[] names = ["Alphabetic", "Ideographic", "Phonetic"];
                for (var g = 0; g < Math.Min(3, groups.Length); g++)
                {
                    if (groups[g].Length > 0)
                    {
                        json.WriteString(names[g], groups[g]);
                    }
                }

                json.WriteEndObject();
            }
            else if (vr is DicomVR.DS or DicomVR.IS && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                json.WriteNumberValue(vr == DicomVR.IS ? Math.Round(number) : number);
            }
            else
            {
                json.WriteStringValue(v);
            }
        }
    }

    private static bool IsBinary(DicomVR vr) => vr is DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.UN;
}
