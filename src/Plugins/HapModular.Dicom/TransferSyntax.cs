namespace HapModular.Dicom;

/// <summary>What a transfer syntax UID means for reading: VR encoding, byte order, deflate, encapsulation.</summary>
/// <param name="Uid">The UID.</param>
/// <param name="ExplicitVr">Explicit VR.</param>
/// <param name="BigEndian">Big endian byte order.</param>
/// <param name="Deflated">The data set is deflated.</param>
/// <param name="Encapsulated">Pixel data is encapsulated (compressed).</param>
public sealed record TransferSyntax(string Uid, bool ExplicitVr, bool BigEndian, bool Deflated, bool Encapsulated)
{
#pragma warning disable CS1591 // Named after the standard transfer syntaxes.
    public const string ImplicitVRLittleEndianUid = "1.2.840.10008.1.2";
    public const string ExplicitVRLittleEndianUid = "1.2.840.10008.1.2.1";
    public const string DeflatedExplicitVRLittleEndianUid = "1.2.840.10008.1.2.1.99";
    public const string ExplicitVRBigEndianUid = "1.2.840.10008.1.2.2";
    public const string RleLosslessUid = "1.2.840.10008.1.2.5";
    public const string JpegBaselineUid = "1.2.840.10008.1.2.4.50";
    public const string JpegExtendedUid = "1.2.840.10008.1.2.4.51";
    public const string JpegLosslessUid = "1.2.840.10008.1.2.4.57";
    public const string JpegLosslessSv1Uid = "1.2.840.10008.1.2.4.70";
    public const string JpegLsLosslessUid = "1.2.840.10008.1.2.4.80";
    public const string JpegLsNearLosslessUid = "1.2.840.10008.1.2.4.81";
    public const string Jpeg2000LosslessUid = "1.2.840.10008.1.2.4.90";
    public const string Jpeg2000Uid = "1.2.840.10008.1.2.4.91";
#pragma warning restore CS1591

    /// <summary>Implicit VR Little Endian (also what ACR-NEMA files without meta are read as).</summary>
    public static TransferSyntax ImplicitLittle { get; } = new(ImplicitVRLittleEndianUid, false, false, false, false);

    /// <summary>Explicit VR Little Endian.</summary>
    public static TransferSyntax ExplicitLittle { get; } = new(ExplicitVRLittleEndianUid, true, false, false, false);

    /// <summary>Interprets a UID; unknown UIDs are taken as encapsulated explicit VR little endian (all compressed syntaxes are).</summary>
    /// <param name="uid">The UID.</param>
    /// <returns>The transfer syntax.</returns>
    public static TransferSyntax FromUid(string uid) => uid switch
    {
        ImplicitVRLittleEndianUid => ImplicitLittle,
        ExplicitVRLittleEndianUid => ExplicitLittle,
        DeflatedExplicitVRLittleEndianUid => new(uid, true, false, true, false),
        ExplicitVRBigEndianUid => new(uid, true, true, false, false),
        _ => new(uid, true, false, false, true),
    };

    /// <summary>A human name for known UIDs.</summary>
    public string Name => Uid switch
    {
        ImplicitVRLittleEndianUid => "Implicit VR Little Endian",
        ExplicitVRLittleEndianUid => "Explicit VR Little Endian",
        DeflatedExplicitVRLittleEndianUid => "Deflated Explicit VR Little Endian",
        ExplicitVRBigEndianUid => "Explicit VR Big Endian",
        RleLosslessUid => "RLE Lossless",
        JpegBaselineUid => "JPEG Baseline",
        JpegExtendedUid => "JPEG Extended",
        JpegLosslessUid => "JPEG Lossless",
        JpegLosslessSv1Uid => "JPEG Lossless SV1",
        JpegLsLosslessUid => "JPEG-LS Lossless",
        JpegLsNearLosslessUid => "JPEG-LS Near-Lossless",
        Jpeg2000LosslessUid => "JPEG 2000 Lossless",
        Jpeg2000Uid => "JPEG 2000",
        "1.2.840.10008.1.2.4.201" => "HTJ2K Lossless",
        "1.2.840.10008.1.2.4.202" => "HTJ2K Lossless RPCL",
        "1.2.840.10008.1.2.4.203" => "HTJ2K",
        _ => Uid,
    };
}
