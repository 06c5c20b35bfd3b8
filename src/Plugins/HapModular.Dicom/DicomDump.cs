using System.Globalization;
using System.Text;

namespace HapModular.Dicom;

/// <summary>Writes a data set one element per line, like dcmdump: tag, VR, value (text in brackets), keyword.</summary>
public static class DicomDump
{
    private const int MaxShownValues = 16;

    /// <summary>Dumps the file meta and the data set.</summary>
    /// <param name="file">The file.</param>
    /// <returns>The text, one element per line.</returns>
    public static string Dump(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var sb = new StringBuilder();
        sb.Append("# Transfer syntax: ").Append(file.TransferSyntax.Name).Append(" (").Append(file.TransferSyntax.Uid).Append(")\n");
        foreach (var w in file.Warnings)
        {
            sb.Append("# Warning: ").Append(w).Append('\n');
        }

        Write(sb, file.Meta, 0);
        Write(sb, file.Dataset, 0);
        return sb.ToString();
    }

    /// <summary>The value of one element as the dump shows it.</summary>
    /// <param name="dataset">The data set holding it (for the character set).</param>
    /// <param name="e">The element.</param>
    /// <returns>The text.</returns>
    public static string FormatValue(DicomDataset dataset, DicomElement e)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(e);
        if (e.IsSequence)
        {
            return $"(Sequence #={e.Items.Count})";
        }

        if (e.Fragments is { } f)
        {
            return $"(PixelSequence #={f.Fragments.Count + 1})";
        }

        if (e.RawValue.IsEmpty)
        {
            return "(no value available)";
        }

        if (DicomVRInfo.IsText(e.VR))
        {
            return "[" + dataset.DecodeText(e).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "]";
        }

        var size = DicomVRInfo.BinarySize(e.VR);
        if (size > 0 && e.VR is not DicomVR.OW and not DicomVR.OF and not DicomVR.OD and not DicomVR.OL and not DicomVR.OV)
        {
            var parts = new List<string>();
            for (var i = 0; i < Math.Min(e.Count(size), MaxShownValues); i++)
            {
                if (e.VR == DicomVR.AT)
                {
                    parts.Add(new DicomTag(e.GetUInt16(i * 2), e.GetUInt16((i * 2) + 1)).ToString());
                }
                else if (e.TryGetBinaryNumber(i, out var v))
                {
                    parts.Add(v.ToString(CultureInfo.InvariantCulture));
                }
            }

            return string.Join('\\', parts) + (e.Count(size) > MaxShownValues ? "\\..." : string.Empty);
        }

        var raw = e.RawValue.Span;
        var word = e.VR == DicomVR.OW;
        var hex = new List<string>();
        for (var i = 0; word ? i + 1 < raw.Length : i < raw.Length; i += word ? 2 : 1)
        {
            if (hex.Count == MaxShownValues)
            {
                hex.Add("...");
                break;
            }

            hex.Add(word ? e.GetUInt16(i / 2).ToString("x4", CultureInfo.InvariantCulture) : raw[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return string.Join('\\', hex);
    }

    private static void Write(StringBuilder sb, DicomDataset ds, int depth)
    {
        var indent = new string(' ', depth * 2);
        foreach (var e in ds.Elements)
        {
            sb.Append(indent).Append(e.Tag.ToString()).Append(' ').Append(e.VR.ToString()).Append(' ')
                .Append(FormatValue(ds, e)).Append(" # ").Append(e.RawValue.Length.ToString(CultureInfo.InvariantCulture))
                .Append(' ').Append(DicomDictionary.KeywordOf(e.Tag)).Append('\n');
            foreach (var item in e.Items)
            {
                sb.Append(indent).Append("  (fffe,e000) na (Item #=").Append(item.Elements.Count.ToString(CultureInfo.InvariantCulture)).Append(")\n");
                Write(sb, item, depth + 2);
            }
        }
    }
}
