namespace HapModular.Dicom;

/// <summary>DICOM value representations (PS3.5 §6.2).</summary>
public enum DicomVR
{
    /// <summary>Unknown VR (also used for implicit VR tags missing from the dictionary).</summary>
    UN = 0,
#pragma warning disable CS1591 // The two-letter codes are the standard's own names.
    AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV, TM, UC, UI, UL, UR, US, UT, UV,
#pragma warning restore CS1591
}

/// <summary>Facts about value representations.</summary>
public static class DicomVRInfo
{
    /// <summary>Parses a two-letter VR code; false when the bytes are not a known VR.</summary>
    /// <param name="a">First character.</param>
    /// <param name="b">Second character.</param>
    /// <param name="vr">The VR.</param>
    /// <returns>Whether the code is known.</returns>
    public static bool TryParse(byte a, byte b, out DicomVR vr)
    {
        vr = DicomVR.UN;
        if (a is < (byte)'A' or > (byte)'Z' || b is < (byte)'A' or > (byte)'Z')
        {
            return false;
        }

        return Enum.TryParse(string.Create(2, (a, b), static (s, v) => { s[0] = (char)v.a; s[1] = (char)v.b; }), out vr) && Enum.IsDefined(vr);
    }

    /// <summary>Whether explicit VR encoding uses 2 reserved bytes and a 32-bit length for this VR.</summary>
    /// <param name="vr">The VR.</param>
    /// <returns>True for OB, OD, OF, OL, OV, OW, SQ, SV, UC, UN, UR, UT, UV.</returns>
    public static bool HasLongLength(DicomVR vr) => vr is DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW
        or DicomVR.SQ or DicomVR.SV or DicomVR.UC or DicomVR.UN or DicomVR.UR or DicomVR.UT or DicomVR.UV;

    /// <summary>Whether values are text.</summary>
    /// <param name="vr">The VR.</param>
    /// <returns>True for string VRs.</returns>
    public static bool IsText(DicomVR vr) => vr is DicomVR.AE or DicomVR.AS or DicomVR.CS or DicomVR.DA or DicomVR.DS or DicomVR.DT or DicomVR.IS
        or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.TM or DicomVR.UC or DicomVR.UI or DicomVR.UR or DicomVR.UT;

    /// <summary>Whether text of this VR is decoded with the specific character set (others are plain ASCII).</summary>
    /// <param name="vr">The VR.</param>
    /// <returns>True for SH, LO, ST, LT, PN, UC, UT.</returns>
    public static bool UsesCharacterSet(DicomVR vr) => vr is DicomVR.SH or DicomVR.LO or DicomVR.ST or DicomVR.LT or DicomVR.PN or DicomVR.UC or DicomVR.UT;

    /// <summary>Whether multiple values are separated by a backslash (not for LT, ST, UT, UR).</summary>
    /// <param name="vr">The VR.</param>
    /// <returns>True when backslash separates values.</returns>
    public static bool IsMultiValuedText(DicomVR vr) => IsText(vr) && vr is not (DicomVR.LT or DicomVR.ST or DicomVR.UT or DicomVR.UR);

    /// <summary>Size in bytes of one binary value, or 0 for text and byte streams.</summary>
    /// <param name="vr">The VR.</param>
    /// <returns>The size.</returns>
    public static int BinarySize(DicomVR vr) => vr switch
    {
        DicomVR.US or DicomVR.SS or DicomVR.OW => 2,
        DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.AT or DicomVR.OF or DicomVR.OL => 4,
        DicomVR.FD or DicomVR.OD or DicomVR.SV or DicomVR.UV or DicomVR.OV => 8,
        _ => 0,
    };
}
