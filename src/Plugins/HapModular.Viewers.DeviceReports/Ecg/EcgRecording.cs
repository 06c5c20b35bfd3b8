namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// One lead: its standard name and the samples in microvolts (raw sample values when the recording is not
/// calibrated); <see cref="double.NaN"/> marks a padding sample (no signal there; never drawn).
/// </summary>
internal sealed record EcgLead(string Name, double[] MicroVolts);

/// <summary>A set of synchronous leads at one sampling rate: a rhythm strip, median beats, or another multiplex group.</summary>
internal sealed record EcgStrip(double SampleRateHz, IReadOnlyList<EcgLead> Leads, bool Calibrated)
{
    public double DurationSeconds => Leads.Count == 0 ? 0 : Leads.Max(l => l.MicroVolts.Length) / SampleRateHz;

    public EcgLead? Lead(string name) => Leads.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// One multiplex group of a DICOM waveform, as the page lists it: what it holds and what the viewer made of it
/// (<see cref="Strip"/> when decoded, <see cref="Status"/> says what was drawn or why not).
/// </summary>
internal sealed record EcgGroup(int Number, string Label, string Originality, int Channels, int Samples, double SampleRateHz, string Encoding, LocalText Status)
{
    public EcgStrip? Strip { get; init; }

    /// <summary>The role of the group on the page: rhythm, median beats, or an extra strip.</summary>
    public string Role { get; init; } = "other";

    /// <summary>The acquisition filters of its first channel, when stated.</summary>
    public EcgFilters? Filters { get; init; }
}

/// <summary>
/// Acquisition filters (Hz): they change what a cardiologist may read from the trace (a 40 Hz low-pass blunts QRS
/// notches, a 0.5 Hz high-pass distorts ST segments), so the view states them.
/// </summary>
internal sealed record EcgFilters(double? LowHz, double? HighHz, double? NotchHz);

/// <summary>A measurement as the file states it (value and unit kept as written).</summary>
internal sealed record EcgMeasurement(string Key, string Value, string Unit);

/// <summary>An ECG read from any supported format, in physical units.</summary>
internal sealed record EcgRecording(
    string Format,
    double SampleRateHz,
    IReadOnlyList<EcgLead> Leads,
    DateTimeOffset? Acquired,
    string? Device,
    IReadOnlyList<EcgMeasurement> Measurements,
    IReadOnlyList<string> Statements)
{
    public static readonly string[] StandardLeads = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

    /// <summary>
    /// Whether the samples are in microvolts. False when the file gives no usable sensitivity: the trace is then
    /// drawn without calibration pulse or mm/mV scale, and <see cref="Notices"/> says why.
    /// </summary>
    public bool Calibrated { get; init; } = true;

    /// <summary>What the reader must know about this recording (unreadable or absent calibration, padding, groups…).</summary>
    public IReadOnlyList<LocalText> Notices { get; init; } = [];

    /// <summary>The acquisition filters of the drawn trace, when the file states them.</summary>
    public EcgFilters? Filters { get; init; }

    /// <summary>The median (representative) beats, when the file has them.</summary>
    public EcgStrip? Median { get; init; }

    /// <summary>Every multiplex group of a DICOM waveform, in file order (empty for other formats).</summary>
    public IReadOnlyList<EcgGroup> Groups { get; init; } = [];

    /// <summary>The rhythm strip drawn on the paper.</summary>
    public EcgStrip Rhythm => new(SampleRateHz, Leads, Calibrated);

    /// <summary>Record keys found in the file (DICOM study/series UIDs, patient id), for the host to store.</summary>
    public IReadOnlyDictionary<string, string> Keys { get; init; } = new Dictionary<string, string>();

    public double DurationSeconds => Leads.Count == 0 ? 0 : Leads.Max(l => l.MicroVolts.Length) / SampleRateHz;

    public EcgLead? Lead(string name) => Leads.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));

    public bool HasStandardTwelve => StandardLeads.All(n => Lead(n) is not null);

    /// <summary>
    /// Adds the limb leads a device left out but that follow from I and II (Einthoven/Goldberger:
    /// III = II − I, aVR = −(I + II)/2, aVL = I − II/2, aVF = II − I/2). Many devices store only eight leads.
    /// </summary>
    public EcgRecording WithDerivedLimbLeads() => this with { Leads = DeriveLimbLeads(Leads) };

    /// <summary>The leads plus the limb leads that follow from I and II (or III and II), in standard order.</summary>
    public static IReadOnlyList<EcgLead> DeriveLimbLeads(IReadOnlyList<EcgLead> leads)
    {
        EcgLead? Find(string name) => leads.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
        var i = Find("I");
        var ii = Find("II");
        var iii = Find("III");
        if (ii is null || (i is null && iii is null))
        {
            return leads;
        }

        var n = i is not null ? Math.Min(i.MicroVolts.Length, ii.MicroVolts.Length) : Math.Min(iii!.MicroVolts.Length, ii.MicroVolts.Length);
        var a = i?.MicroVolts ?? Enumerable.Range(0, n).Select(k => ii.MicroVolts[k] - iii!.MicroVolts[k]).ToArray();
        var b = ii.MicroVolts;
        var result = leads.ToList();
        void Add(string name, Func<int, double> f)
        {
            if (Find(name) is null)
            {
                result.Add(new EcgLead(name, Enumerable.Range(0, n).Select(f).ToArray()));
            }
        }

        Add("I", k => a[k]);
        Add("III", k => b[k] - a[k]);
        Add("aVR", k => -(a[k] + b[k]) / 2);
        Add("aVL", k => a[k] - (b[k] / 2));
        Add("aVF", k => b[k] - (a[k] / 2));
        return [.. result.OrderBy(l => Array.IndexOf(StandardLeads, l.Name) is var x && x >= 0 ? x : 100)];
    }
}
