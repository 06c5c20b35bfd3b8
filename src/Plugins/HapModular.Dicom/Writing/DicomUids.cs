using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace HapModular.Dicom.Writing;

/// <summary>
/// UIDs the project makes: under its own root, a UUID-derived OID (PS3.5 §B.2, arc 2.25 of ISO/IEC 9834-8, which
/// needs no registration), and deterministic: the same name always gives the same UID, so generated files are
/// reproducible and re-ingesting them finds the same study, series and instances.
/// </summary>
public static class DicomUids
{
    /// <summary>The project's root: 2.25 followed by the decimal value of the UUID 0f1e3b7a-52c4-4f4e-9a8d-6c2b1e0d4a37.</summary>
    public static readonly string Root = "2.25." + new BigInteger(Convert.FromHexString("0f1e3b7a52c44f4e9a8d6c2b1e0d4a37"), isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The implementation class UID written in every file meta header.</summary>
    public static readonly string ImplementationClass = Root + ".0.1";

    /// <summary>Explicit VR Little Endian (PS3.5 §A.2).</summary>
    public const string ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";

    /// <summary>A UID under the root for a name (e.g. "demo/ct/series/1"): 64 characters at most, digits and dots, no leading zero.</summary>
    /// <param name="name">Any text; the same text gives the same UID.</param>
    public static string For(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        // The root (43 characters) and ".1." leave 18 digits: a 56-bit number from the hash, written without leading zeros.
        var value = BitConverter.ToUInt64(hash, 0) >> 8;
        var uid = Root + ".1." + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return uid.Length <= 64 ? uid : throw new InvalidOperationException("UID longer than 64 characters: " + uid);
    }
}
