namespace HapModular.Dicom.Imaging;

/// <summary>
/// Burns graphic overlay planes (60xx,3000) into a rendered grey frame in white, as dcmtk does by default, so a
/// reader sees the marks the modality drew.
/// </summary>
internal static class Overlays
{
    public static void BurnIn(DicomDataset ds, byte[] grey, int rows, int columns, int frame)
    {
        for (ushort group = 0x6000; group <= 0x601E; group += 2)
        {
            var data = ds[new DicomTag(group, 0x3000)];
            if (data is null || data.RawValue.IsEmpty)
            {
                continue;
            }

            // Rows, Columns and Origin are Type 1: an overlay without them cannot be placed, and dropping it would
            // hide the marks it carries. The frame attributes are absent for single-frame overlays (1C).
            var plane = $"overlay {group:x4}";
            var oRows = Required(ds, new DicomTag(group, 0x0010), 0, plane);
            var oCols = Required(ds, new DicomTag(group, 0x0011), 0, plane);
            var originRow = Required(ds, new DicomTag(group, 0x0050), 0, plane);
            var originCol = Required(ds, new DicomTag(group, 0x0050), 1, plane);
            var frames = ds.GetInt(new DicomTag(group, 0x0015), 1);
            var firstFrame = ds.GetInt(new DicomTag(group, 0x0051), 1) - 1;
            if (oRows <= 0 || oCols <= 0 || frames < 1 || firstFrame < 0)
            {
                throw new DicomImageException($"{plane}: {oRows}×{oCols} from frame {firstFrame + 1}, {frames} frame(s) is not a valid overlay");
            }

            var overlayFrame = frame - firstFrame;
            if (overlayFrame < 0 || overlayFrame >= frames)
            {
                continue;
            }

            var bits = data.RawValue.Span;
            var bitBase = (long)overlayFrame * oRows * oCols;
            for (var y = 0; y < oRows; y++)
            {
                var iy = y + originRow - 1;
                if (iy < 0 || iy >= rows)
                {
                    continue;
                }

                for (var x = 0; x < oCols; x++)
                {
                    var ix = x + originCol - 1;
                    if (ix < 0 || ix >= columns)
                    {
                        continue;
                    }

                    var bit = bitBase + ((long)y * oCols) + x;
                    var index = bit >> 3;
                    if (index < bits.Length && ((bits[(int)(data.BigEndian ? index ^ 1 : index)] >> (int)(bit & 7)) & 1) != 0)
                    {
                        grey[(iy * columns) + ix] = 255;
                    }
                }
            }
        }
    }

    private static int Required(DicomDataset ds, DicomTag tag, int index, string plane) =>
        ds.TryGetInt(tag, out var v, index) ? v : throw new DicomImageException($"{plane}: {DicomDataset.Describe(tag)} value {index + 1} is missing");
}
