using System.Text;

namespace HapModular.Dicom.Writing;

/// <summary>
/// Writes a DICOM Part 10 file (PS3.10 §7.1): 128-byte preamble, "DICM", the file meta information group (with its
/// group length, version 00 01, the data set's SOP class and instance, the transfer syntax, the project's
/// implementation class UID), then the data set in explicit VR little endian.
/// </summary>
public static class DicomFileWriter
{
    private static readonly DicomTag SopClassUid = new(0x0008, 0x0016);
    private static readonly DicomTag SopInstanceUid = new(0x0008, 0x0018);

    /// <summary>The file's bytes.</summary>
    /// <param name="dataset">The data set; it must hold its SOP Class UID and SOP Instance UID.</param>
    /// <param name="sopClassUid">The SOP class (also written into the data set).</param>
    /// <param name="sopInstanceUid">The SOP instance (also written into the data set).</param>
    /// <returns>The Part 10 file.</returns>
    public static byte[] Write(DicomDatasetBuilder dataset, string sopClassUid, string sopInstanceUid)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        dataset.Add(SopClassUid, sopClassUid).Add(SopInstanceUid, sopInstanceUid);
        var meta = new DicomDatasetBuilder()
            .AddBytes(new DicomTag(0x0002, 0x0001), DicomVR.OB, [0, 1])
            .Add(new DicomTag(0x0002, 0x0002), sopClassUid)
            .Add(new DicomTag(0x0002, 0x0003), sopInstanceUid)
            .Add(new DicomTag(0x0002, 0x0010), DicomUids.ExplicitVRLittleEndian)
            .Add(new DicomTag(0x0002, 0x0012), DicomUids.ImplementationClass)
            .Add(new DicomTag(0x0002, 0x0013), "HAPMODULAR_1")
            .Encode();

        using var stream = new MemoryStream();
        stream.Write(new byte[128]);
        stream.Write(Encoding.ASCII.GetBytes("DICM"));
        DicomDatasetBuilder.WriteHeader(stream, new DicomTag(0x0002, 0x0000), DicomVR.UL, 4);
        stream.Write(BitConverter.GetBytes((uint)meta.Length));
        stream.Write(meta);
        stream.Write(dataset.Encode());
        return stream.ToArray();
    }
}
