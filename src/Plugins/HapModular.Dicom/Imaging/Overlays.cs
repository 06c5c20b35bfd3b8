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

            var oRows = ds.GetInt(new DicomTag(group, 0x0010), 0);
            var oCols = ds.GetInt(new DicomTag(group, 0x0011), 0);
            if (oRows <= 0 || oCols <= 0)
            {
                continue;
            }

            var originRow = ds.TryGetInt(new DicomTag(group, 0x0050), out var r, 0) ? r : 1;
            var originCol = ds.TryGetInt(new DicomTag(group, 0x0050), out var c, 1) ? c : 1;
            var frames = Math.Max(1, ds.GetInt(new DicomTag(group, 0x0015), 1));
            var firstFrame = Math.Max(1, ds.GetInt(new DicomTag(group, 0x0051), 1)) - 1;
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
}
