namespace HapModular.Dicom.Metamorphic.Tests;

/// <summary>
/// One re-encoding by dcmtk: the tool, its options, which sources it applies to, and whether its pixels must be
/// bit-identical (everything but the decompression of a lossy JPEG, decoded by another decoder than ours).
/// </summary>
internal sealed record Variant(string Name, string Tool, string[] Options, Func<string, bool> AppliesTo, string NotApplicable)
{
    private static readonly HashSet<string> Jpeg = ["1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70"];
    private static readonly HashSet<string> LossyJpeg = ["1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51"];
    private static readonly HashSet<string> JpegLs = ["1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81"];
    private static readonly HashSet<string> Native = ["1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99"];

    public static IReadOnlyList<Variant> All { get; } =
    [
        new("implicit LE", "dcmconv", ["+ti"], _ => true, string.Empty),
        new("explicit LE", "dcmconv", ["+te"], _ => true, string.Empty),
        new("explicit BE", "dcmconv", ["+tb"], _ => true, string.Empty),
        new("deflated", "dcmconv", ["+td"], _ => true, string.Empty),
        new("JPEG lossless SV1", "dcmcjpeg", ["+e1"], Native.Contains, "source is not native pixel data"),
        new("RLE", "dcmcrle", [], Native.Contains, "source is not native pixel data"),
        new("JPEG-LS lossless", "dcmcjpls", ["+el"], Native.Contains, "source is not native pixel data"),
        new("dcmdjpeg", "dcmdjpeg", [], Jpeg.Contains, "source is not JPEG"),
        new("dcmdrle", "dcmdrle", [], ts => ts == "1.2.840.10008.1.2.5", "source is not RLE"),
        new("dcmdjpls", "dcmdjpls", [], JpegLs.Contains, "source is not JPEG-LS"),
    ];

    /// <summary>
    /// Whether the variant's pixels can only agree within the lossy tolerance: dcmtk decoded a lossy (DCT) JPEG with
    /// its own decoder. Decided by the codestream too, as some files hold a DCT stream under a lossless syntax.
    /// </summary>
    public bool IsLossyFrom(Observation source) => Tool == "dcmdjpeg" && (LossyJpeg.Contains(source.TransferSyntax) || source.DctCodestream);
}
