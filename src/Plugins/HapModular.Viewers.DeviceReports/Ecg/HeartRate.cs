namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// Heart rate from the trace when the file states none: QRS complexes found as peaks of the smoothed squared
/// slope (the core of Pan–Tompkins), 250 ms refractory period, rate from the median R–R interval.
/// </summary>
internal static class HeartRate
{
    public static double? Estimate(EcgRecording ecg)
    {
        var lead = ecg.Lead("II") ?? ecg.Leads.OrderByDescending(l => l.MicroVolts.Length).FirstOrDefault();
        var beats = lead is null ? [] : RPeaks(lead.MicroVolts, ecg.SampleRateHz);
        if (beats.Count < 3)
        {
            return null;
        }

        var rr = beats.Zip(beats.Skip(1), (a, b) => (b - a) / ecg.SampleRateHz).Order().ToList();
        var median = rr[rr.Count / 2];
        return median > 0 ? 60 / median : null;
    }

    public static List<int> RPeaks(double[] x, double fs)
    {
        var n = x.Length;
        var peaks = new List<int>();
        if (n < fs)
        {
            return peaks;
        }

        var energy = new double[n];
        for (var k = 1; k < n - 1; k++)
        {
            // Padding (NaN) carries no signal: no slope there, so it can never look like a QRS.
            var slope = x[k + 1] - x[k - 1];
            energy[k] = double.IsNaN(slope) ? 0 : slope * slope;
        }

        var window = Math.Max(1, (int)(0.08 * fs));
        var smooth = new double[n];
        double sum = 0;
        for (var k = 0; k < n; k++)
        {
            sum += energy[k];
            if (k >= window)
            {
                sum -= energy[k - window];
            }

            smooth[k] = sum / window;
        }

        var sorted = smooth.Order().ToArray();
        var threshold = 0.3 * sorted[(int)(0.99 * (n - 1))];
        var refractory = (int)(0.25 * fs);
        var k0 = 0;
        while (k0 < n)
        {
            if (smooth[k0] <= threshold)
            {
                k0++;
                continue;
            }

            // Inside one above-threshold run: the beat is where the run peaks.
            var best = k0;
            while (k0 < n && smooth[k0] > threshold)
            {
                if (smooth[k0] > smooth[best])
                {
                    best = k0;
                }

                k0++;
            }

            if (peaks.Count == 0 || best - peaks[^1] >= refractory)
            {
                peaks.Add(best);
            }
        }

        return peaks;
    }
}
