namespace HapModular.Viewers.Dicom;

/// <summary>Window presets offered by modality (centre/width in Hounsfield units for CT).</summary>
internal static class ModalityPresets
{
    private static readonly (string Name, int Center, int Width)[] Ct =
    [
        ("brain", 40, 80),
        ("subdural", 75, 215),
        ("stroke", 40, 40),
        ("lung", -600, 1500),
        ("mediastinum", 50, 350),
        ("abdomen", 40, 400),
        ("liver", 60, 160),
        ("bone", 400, 1800),
    ];


    public static IReadOnlyList<(string Name, int Center, int Width)> For(string? modality) => modality?.Trim() switch
    {
        "CT" => Ct,
        _ => [],
    };

    /// <summary>The presets as the view's data attribute carries them: "name center width;…".</summary>
    public static string Encode(string? modality) =>
        string.Join(';', For(modality).Select(p => FormattableString.Invariant($"{p.Name} {p.Center} {p.Width}")));
}
