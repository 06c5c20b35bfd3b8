namespace HapModular.Dicom.Codecs;

/// <summary>
/// libjpeg's triangle-filter chroma upsampling (jdsample.c, 4:2:2 and 4:2:0), applied to the half-resolution
/// plane recovered from JpegLibrary's replicated samples, so colours match dcmtk's renders.
/// </summary>
internal static class FancyUpsampling
{
    // 4:2:2: 3:1 interpolation between horizontal neighbours (jdsample.c h2v1_fancy_upsample).
    public static void H2V1(int[] output, int width, int height, int components, int c)
    {
        var half = (width + 1) / 2;
        var row = new int[half];
        for (var y = 0; y < height; y++)
        {
            var line = y * width * components;
            for (var j = 0; j < half; j++)
            {
                row[j] = output[line + (2 * j * components) + c];
            }

            for (var j = 0; j < half; j++)
            {
                var left = j == 0 ? row[j] : ((row[j] * 3) + row[j - 1] + 1) >> 2;
                var right = j == half - 1 ? row[j] : ((row[j] * 3) + row[j + 1] + 2) >> 2;
                output[line + (2 * j * components) + c] = left;
                if ((2 * j) + 1 < width)
                {
                    output[line + (((2 * j) + 1) * components) + c] = right;
                }
            }
        }
    }

    public static void H2V2(int[] output, int width, int height, int components, int c)
    {
        var w = (width + 1) / 2;
        var h = (height + 1) / 2;
        var plane = new int[w * h];
        for (var r = 0; r < h; r++)
        {
            for (var j = 0; j < w; j++)
            {
                plane[(r * w) + j] = output[((2 * r * width) + (2 * j)) * components + c];
            }
        }

        var near = new int[w];
        var far = new int[w];
        for (var r = 0; r < h; r++)
        {
            for (var v = 0; v < 2; v++)
            {
                var y = (2 * r) + v;
                if (y >= height)
                {
                    break;
                }

                // The upper output row leans on the input row above, the lower one on the row below (edges repeat).
                var other = Math.Clamp(v == 0 ? r - 1 : r + 1, 0, h - 1);
                for (var j = 0; j < w; j++)
                {
                    near[j] = plane[(r * w) + j];
                    far[j] = plane[(other * w) + j];
                }

                WriteRow(output, width, components, c, y, near, far, w);
            }
        }
    }

    private static void WriteRow(int[] output, int width, int components, int c, int y, int[] near, int[] far, int w)
    {
        var line = y * width;
        void Put(int x, int value)
        {
            if (x < width)
            {
                output[((line + x) * components) + c] = value;
            }
        }

        if (w == 1)
        {
            var only = (near[0] * 3) + far[0];
            Put(0, ((only * 4) + 8) >> 4);
            Put(1, ((only * 4) + 7) >> 4);
            return;
        }

        var thisSum = (near[0] * 3) + far[0];
        var nextSum = (near[1] * 3) + far[1];
        Put(0, ((thisSum * 4) + 8) >> 4);
        Put(1, ((thisSum * 3) + nextSum + 7) >> 4);
        var lastSum = thisSum;
        thisSum = nextSum;
        for (var j = 1; j < w - 1; j++)
        {
            nextSum = (near[j + 1] * 3) + far[j + 1];
            Put(2 * j, ((thisSum * 3) + lastSum + 8) >> 4);
            Put((2 * j) + 1, ((thisSum * 3) + nextSum + 7) >> 4);
            lastSum = thisSum;
            thisSum = nextSum;
        }

        Put(2 * (w - 1), ((thisSum * 3) + lastSum + 8) >> 4);
        Put((2 * (w - 1)) + 1, ((thisSum * 4) + 7) >> 4);
    }
}
