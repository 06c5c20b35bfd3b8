using System.Globalization;
using System.Text.Json;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>Reading one attribute of an instance's DICOM JSON object (PS3.18 F.2), as QIDO and the workspace read it.</summary>
internal static class DicomJson
{
    /// <summary>The first value of an attribute as text ("" when absent or empty; a person name's alphabetic form).</summary>
    public static string Text(JsonElement root, string tag)
    {
        if (!root.TryGetProperty(tag, out var a) || !a.TryGetProperty("Value", out var values) || values.GetArrayLength() == 0)
        {
            return string.Empty;
        }

        var v = values[0];
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() ?? string.Empty,
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.Object when v.TryGetProperty("Alphabetic", out var name) => name.GetString() ?? string.Empty,
            _ => string.Empty,
        };
    }

    /// <summary>The first value as an integer; 0 when absent or not an integer (an IS the sender got wrong sorts first).</summary>
    public static int Number(JsonElement root, string tag) =>
        int.TryParse(Text(root, tag), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>Number of Frames (0028,0008): 1 for a single-frame instance, or when the value cannot be read.</summary>
    public static int Frames(JsonElement root) => Math.Max(1, Number(root, "00280008"));
}
