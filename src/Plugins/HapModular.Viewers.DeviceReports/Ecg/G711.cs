namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// ITU-T G.711 expansion of 8-bit µ-law and A-law samples (Waveform Sample Interpretation MB and AB) to the
/// linear 16-bit scale, as the recommendation's reference decoder gives them.
/// </summary>
internal static class G711
{
    public static int MuLaw(byte code)
    {
        var u = ~code & 0xFF;
        var magnitude = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84;
    }

    public static int ALaw(byte code)
    {
        var a = code ^ 0x55;
        var magnitude = (a & 0x0F) << 4;
        var segment = (a & 0x70) >> 4;
        magnitude = segment switch
        {
            0 => magnitude + 8,
            1 => magnitude + 0x108,
            _ => (magnitude + 0x108) << (segment - 1),
        };
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }
}
