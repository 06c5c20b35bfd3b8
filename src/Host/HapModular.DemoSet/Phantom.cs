namespace HapModular.DemoSet;

/// <summary>
/// Analytic phantoms: a sum of ellipsoids (the Shepp–Logan idea) in patient millimetres, so every slice of a series
/// is cut from one 3-D object (window/level and distance measurements make sense across slices). Values are what
/// the modality stores before rescale: Hounsfield units for CT, signal for MR.
/// </summary>
internal sealed record Ellipsoid(double X, double Y, double Z, double A, double B, double C, double Value)
{
    public bool Contains(double x, double y, double z)
    {
        var dx = (x - X) / A;
        var dy = (y - Y) / B;
        var dz = (z - Z) / C;
        return (dx * dx) + (dy * dy) + (dz * dz) <= 1;
    }
}

/// <summary>A phantom: the background, then ellipsoids painted in order (later ones win), plus deterministic noise.</summary>
internal sealed class Phantom(double background, double noise, params Ellipsoid[] parts)
{
    /// <summary>A thorax and upper abdomen in Hounsfield units: body, fat, lungs, heart, aorta, spine, liver, a 2-cm nodule.</summary>
    public static Phantom Chest { get; } = new(
        -1000,
        8,
        new(0, 0, 0, 170, 120, 400, -100),
        new(0, 0, 0, 158, 108, 400, 40),
        new(-75, -5, 60, 60, 80, 130, -850),
        new(75, -5, 60, 60, 80, 130, -850),
        new(20, -30, 40, 55, 45, 55, 45),
        new(0, 45, 0, 14, 14, 400, 180),
        new(0, 85, 0, 20, 18, 400, 700),
        new(0, 85, 0, 9, 9, 400, 300),
        new(-50, 10, -110, 85, 70, 70, 60),
        new(-85, -20, 90, 10, 10, 10, 30));

    /// <summary>A head in MR T1-like signal: scalp, skull (dark), grey matter, white matter, ventricles (CSF dark), a bright lesion.</summary>
    public static Phantom Head { get; } = new(
        0,
        12,
        new(0, 0, 0, 95, 120, 110, 900),
        new(0, 0, 0, 90, 115, 105, 80),
        new(0, 0, 0, 84, 108, 98, 620),
        new(0, 0, 0, 68, 90, 80, 820),
        new(-12, -5, 10, 8, 30, 18, 180),
        new(12, -5, 10, 8, 30, 18, 180),
        new(35, 30, 25, 9, 9, 9, 1150));

    public double Value(double x, double y, double z, Random random)
    {
        var value = background;
        foreach (var part in parts)
        {
            if (part.Contains(x, y, z))
            {
                value = part.Value;
            }
        }

        return value + (value == background ? 0 : (random.NextDouble() - 0.5) * 2 * noise);
    }
}
