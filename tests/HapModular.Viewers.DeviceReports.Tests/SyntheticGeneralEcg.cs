using System.Buffers.Binary;
using HapModular.Tests.Shared;

namespace HapModular.Viewers.DeviceReports.Tests;

/// <summary>
/// A General ECG built from the corpus 12-lead rhythm (the corpus has no other encodings): the same leads I, II,
/// V1 stored in every encoding of PS3.3 C.10.9 — 16-bit SS with padding, 8-bit SB, µ-law MB, A-law AB, 32-bit SL,
/// 64-bit SV — each with the sensitivity that makes its samples the same microvolts, plus one group whose
/// encoding the standard does not define.
/// </summary>
internal static class SyntheticGeneralEcg
{
    public const string GeneralEcgSop = "1.2.840.10008.5.1.4.1.1.9.1.2";
    public const int PaddedSamples = 100;
    public const short Padding = short.MinValue;
    private const int Samples = 2000;
    private static readonly (string Name, string Code)[] Leads = [("I", "5.6.3-9-1"), ("II", "5.6.3-9-2"), ("V1", "5.6.3-9-3")];

    /// <summary>The raw 16-bit samples used (1.25 µV each), per lead.</summary>
    public static Dictionary<string, int[]> Source { get; } = Load();

    public static byte[] Build()
    {
        var raw = Leads.Select(l => Source[l.Name]).ToArray();
        var groups = new[]
        {
            Group("RHYTHM", 16, "SS", "1.25", Padding, (c, k) => k < PaddedSamples ? Padding : raw[c][k], (v, b) => BinaryPrimitives.WriteInt16LittleEndian(b, (short)v)),
            Group("8 BIT", 8, "SB", "20", null, (c, k) => raw[c][k] / 16, (v, b) => b[0] = (byte)(sbyte)v),
            Group("MU-LAW", 8, "MB", "0.078125", null, (c, k) => MuLaw(raw[c][k] * 16), (v, b) => b[0] = (byte)v),
            Group("A-LAW", 8, "AB", "0.078125", null, (c, k) => ALaw(raw[c][k] * 16), (v, b) => b[0] = (byte)v),
            Group("32 BIT", 32, "SL", "0.00125", null, (c, k) => raw[c][k] * 1000L, (v, b) => BinaryPrimitives.WriteInt32LittleEndian(b, (int)v)),
            Group("64 BIT", 64, "SV", "0.00000125", null, (c, k) => raw[c][k] * 1_000_000L, (v, b) => BinaryPrimitives.WriteInt64LittleEndian(b, v)),
            Group("12 BIT", 16, "SS", "1.25", null, (c, k) => raw[c][k], (v, b) => BinaryPrimitives.WriteInt16LittleEndian(b, (short)v), bitsAllocated: 12),
        };

        return new TestDicomWriter()
            .Text(0x0008, 0x0016, "UI", GeneralEcgSop)
            .Text(0x0008, 0x0018, "UI", "2.25.11111111111111111111")
            .Text(0x0008, 0x0020, "DA", "20130125")
            .Text(0x0008, 0x0060, "CS", "ECG")
            .Text(0x0010, 0x0010, "PN", "Synthetic^General ECG")
            .Text(0x0010, 0x0020, "LO", "GECG-1")
            .Text(0x0020, 0x000D, "UI", "2.25.22222222222222222222")
            .Text(0x0020, 0x000E, "UI", "2.25.33333333333333333333")
            .Sequence(0x5400, 0x0100, groups)
            .ToFile(GeneralEcgSop, "2.25.11111111111111111111");
    }

    private static TestDicomWriter Group(string label, int bits, string interpretation, string sensitivity, long? padding, Func<int, int, long> sample, WriteSample write, int? bitsAllocated = null)
    {
        var size = bits / 8;
        var data = new byte[Leads.Length * Samples * size];
        for (var k = 0; k < Samples; k++)
        {
            for (var c = 0; c < Leads.Length; c++)
            {
                write(sample(c, k), data.AsSpan(((k * Leads.Length) + c) * size, size));
            }
        }

        var channels = Leads.Select(l => new TestDicomWriter()
            .Sequence(0x003A, 0x0208, TestDicomWriter.Code(l.Code, "SCPECG", "Lead " + l.Name))
            .Text(0x003A, 0x0210, "DS", sensitivity)
            .Sequence(0x003A, 0x0211, TestDicomWriter.Code("uV", "UCUM", "microvolt"))
            .Text(0x003A, 0x0212, "DS", "1")
            .Text(0x003A, 0x0213, "DS", "0")
            .US(0x003A, 0x021A, (ushort)bits)).ToArray();
        var group = new TestDicomWriter()
            .Text(0x003A, 0x0004, "CS", "ORIGINAL")
            .US(0x003A, 0x0005, (ushort)Leads.Length)
            .UL(0x003A, 0x0010, Samples)
            .Text(0x003A, 0x001A, "DS", "1000")
            .Text(0x003A, 0x0020, "SH", label)
            .Sequence(0x003A, 0x0200, channels)
            .US(0x5400, 0x1004, (ushort)(bitsAllocated ?? bits))
            .Text(0x5400, 0x1006, "CS", interpretation);
        if (padding is { } p)
        {
            var pad = new byte[size];
            write(p, pad);
            group.Bytes(0x5400, 0x100A, size == 1 ? "OB" : "OW", pad);
        }

        return group.Bytes(0x5400, 0x1010, size == 1 ? "OB" : "OW", data);
    }

    private static Dictionary<string, int[]> Load()
    {
        var all = DicomEcgFidelityTests.RawRhythm(File.ReadAllBytes(Corpus.Dicom("ecg_12lead_waveform.dcm")));
        return Leads.ToDictionary(l => l.Name, l => all[l.Name][..Samples]);
    }

    // ITU-T G.711 encoders (the reference C code's linear2ulaw and linear2alaw) for 16-bit linear input.
    private static byte MuLaw(int pcm)
    {
        pcm >>= 2;
        var mask = pcm < 0 ? 0x7F : 0xFF;
        pcm = Math.Min(Math.Abs(pcm), 8159) + (0x84 >> 2);
        var segment = Segment(pcm, [0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF]);
        return (byte)(segment >= 8 ? 0x7F ^ mask : ((segment << 4) | ((pcm >> (segment + 1)) & 0xF)) ^ mask);
    }

    private static byte ALaw(int pcm)
    {
        pcm >>= 3;
        var mask = pcm >= 0 ? 0xD5 : 0x55;
        pcm = pcm >= 0 ? pcm : -pcm - 1;
        var segment = Segment(pcm, [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF]);
        if (segment >= 8)
        {
            return (byte)(0x7F ^ mask);
        }

        var value = (segment << 4) | ((segment < 2 ? pcm >> 1 : pcm >> segment) & 0xF);
        return (byte)(value ^ mask);
    }

    private static int Segment(int value, int[] ends) => Array.FindIndex(ends, e => value <= e) is var i && i >= 0 ? i : ends.Length;

    private delegate void WriteSample(long value, Span<byte> target);
}
