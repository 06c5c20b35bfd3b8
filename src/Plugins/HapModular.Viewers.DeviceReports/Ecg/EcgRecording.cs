namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>One lead: its standard name and the samples in microvolts.</summary>
internal sealed record EcgLead(string Name, double[] MicroVolts);

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

    /// <summary>Record keys found in the file (DICOM study/series UIDs, patient id), for the host to store.</summary>
    public IReadOnlyDictionary<string, string> Keys { get; init; } = new Dictionary<string, string>();

    public double DurationSeconds => Leads.Count == 0 ? 0 : Leads.Max(l => l.MicroVolts.Length) / SampleRateHz;

    public EcgLead? Lead(string name) => Leads.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));

    public bool HasStandardTwelve => StandardLeads.All(n => Lead(n) is not null);

    /// <summary>
    /// Adds the limb leads a device left out but that follow from I and II (Einthoven/Goldberger:
    /// III = II − I, aVR = −(I + II)/2, aVL = I − II/2, aVF = II − I/2). Many devices store only eight leads.
    /// </summary>
    public EcgRecording WithDerivedLimbLeads()
    {
        var i = Lead("I");
        var ii = Lead("II");
        var iii = Lead("III");
        if (ii is null || (i is null && iii is null))
        {
            return this;
        }

        var n = i is not null ? Math.Min(i.MicroVolts.Length, ii.MicroVolts.Length) : Math.Min(iii!.MicroVolts.Length, ii.MicroVolts.Length);
        var a = i?.MicroVolts ?? Enumerable.Range(0, n).Select(k => ii.MicroVolts[k] - iii!.MicroVolts[k]).ToArray();
        var b = ii.MicroVolts;
        var leads = Leads.ToList();
        void Add(string name, Func<int, double> f)
        {
            if (Lead(name) is null)
            {
                leads.Add(new EcgLead(name, Enumerable.Range(0, n).Select(f).ToArray()));
            }
        }

        Add("I", k => a[k]);
        Add("III", k => b[k] - a[k]);
        Add("aVR", k => -(a[k] + b[k]) / 2);
        Add("aVL", k => a[k] - (b[k] / 2));
        Add("aVF", k => b[k] - (a[k] / 2));
        var order = leads.OrderBy(l => Array.IndexOf(StandardLeads, l.Name) is var x && x >= 0 ? x : 100).ToList();
        return this with { Leads = order };
    }
}
