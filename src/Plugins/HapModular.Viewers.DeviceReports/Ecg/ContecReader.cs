using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// Contec ECG90A export (<c>.ECG</c>), as documented by the RigacciOrg/ecg-contec reverse engineering:
/// 43-byte header (case number, "yyyy-MM-dd HH:mm:ss", name), 37-byte footer, and rows of eight little-endian
/// 16-bit samples (II, III, V1…V6) at 800 Hz, 5 µV per unit around 2048; 0x6800 marks "no signal".
/// </summary>
internal static class ContecReader
{
    private const int HeaderLength = 43;
    private const int FooterLength = 37;
    private const int Series = 8;
    private const double SampleRate = 800;
    private const double MicroVoltsPerUnit = 5;
    private const int Zero = 2048;
    private const ushort NoSignal = 0x6800;
    private static readonly string[] SeriesNames = ["II", "III", "V1", "V2", "V3", "V4", "V5", "V6"];

    /// <summary>The header starts with an ASCII case number and holds an ASCII timestamp at offset 10.</summary>
    public static bool LooksLikeContec(ReadOnlySpan<byte> b) =>
        b.Length > HeaderLength + FooterLength && b[..7].ToArray().All(x => x is >= (byte)'0' and <= (byte)'9') && Timestamp(b) is not null;

    public static EcgRecording? Read(ReadOnlySpan<byte> b, out LocalText reason)
    {
        reason = new LocalText("contec-not");
        if (!LooksLikeContec(b))
        {
            return null;
        }

        var payload = b.Length - HeaderLength - FooterLength;
        if (payload % (Series * 2) != 0)
        {
            reason = new LocalText("contec-length");
            return null;
        }

        var rows = payload / (Series * 2);
        var data = new double[Series][];
        var present = new bool[Series];
        for (var s = 0; s < Series; s++)
        {
            data[s] = new double[rows];
        }

        var used = 0;
        for (var r = 0; r < rows; r++)
        {
            var row = b.Slice(HeaderLength + (r * Series * 2), Series * 2);
            if (row.IndexOfAnyExcept((byte)0) < 0)
            {
                break;
            }

            for (var s = 0; s < Series; s++)
            {
                var raw = BinaryPrimitives.ReadUInt16LittleEndian(row[(s * 2)..]);
                if (raw != NoSignal)
                {
                    present[s] = true;
                    data[s][r] = (raw - Zero) * MicroVoltsPerUnit;
                }
            }

            used++;
        }

        var leads = Enumerable.Range(0, Series).Where(s => present[s]).Select(s => new EcgLead(SeriesNames[s], data[s][..used])).ToList();
        if (leads.Count == 0)
        {
            reason = new LocalText("contec-empty");
            return null;
        }

        var ecg = new EcgRecording("Contec ECG90A", SampleRate, leads, Timestamp(b), "Contec ECG90A", [], []);
        return ecg.WithDerivedLimbLeads();
    }

    private static DateTimeOffset? Timestamp(ReadOnlySpan<byte> b)
    {
        if (b.Length < 29)
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(b.Slice(10, 19));
        return DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? new DateTimeOffset(d, TimeSpan.Zero)
            : null;
    }
}
