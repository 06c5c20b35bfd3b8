using System.Globalization;
using System.Text;

namespace HapModular.DemoSet;

/// <summary>
/// A resting 12-lead ECG as an HL7 aECG (FDA, PORT_MT020001): 10 s at 500 Hz, 70 beats/min, sinus rhythm. Each beat
/// is a sum of Gaussian waves (P, Q, R, S, T) with lead-typical amplitudes; the limb leads III, aVR, aVL and aVF are
/// computed from I and II (Einthoven and Goldberger), so the tracing is physiologically consistent. Samples are
/// digits × 5 µV (scale with its unit): the viewer's 10 mm/mV calibration is true.
/// </summary>
internal static class Ecg
{
    private const int Rate = 500;
    private const int Seconds = 10;
    private const double ScaleMicrovolts = 5;

    // Per lead: P, Q, R, S, T amplitudes in µV.
    private static readonly (string Lead, double P, double Q, double R, double S, double T)[] Precordial =
    [
        ("V1", 60, 0, 300, -1000, -100), ("V2", 80, 0, 600, -1200, 400), ("V3", 80, -50, 900, -800, 500),
        ("V4", 90, -80, 1400, -400, 500), ("V5", 90, -100, 1300, -200, 400), ("V6", 80, -100, 1000, -100, 300),
    ];

    public static (string FileName, byte[] Content) Write(DateTimeOffset date)
    {
        var n = Rate * Seconds;
        var lead1 = Trace(n, 80, -60, 800, -150, 200);
        var lead2 = Trace(n, 150, -100, 1200, -250, 300);
        var leads = new List<(string, double[])>
        {
            ("I", lead1),
            ("II", lead2),
            ("III", Combine(lead2, 1, lead1, -1)),
            ("AVR", Combine(lead1, -0.5, lead2, -0.5)),
            ("AVL", Combine(lead1, 1, lead2, -0.5)),
            ("AVF", Combine(lead2, 1, lead1, -0.5)),
        };
        leads.AddRange(Precordial.Select(p => (p.Lead, Trace(n, p.P, p.Q, p.R, p.S, p.T))));

        var time = date.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var end = date.AddSeconds(Seconds).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var xml = new StringBuilder();
        xml.Append(CultureInfo.InvariantCulture, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <AnnotatedECG xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" type="Observation">
              <id root="{Dicom.Writing.DicomUids.For("ecg/" + time)}"/>
              <code code="93000" codeSystem="2.16.840.1.113883.6.12" codeSystemName="CPT-4"/>
              <effectiveTime><center value="{time}"/></effectiveTime>
              <component><series>
                <code code="RHYTHM" codeSystem="2.16.840.1.113883.5.4"/>
                <effectiveTime><low value="{time}"/><high value="{end}"/></effectiveTime>
                <author><seriesAuthor><manufacturedSeriesDevice><manufacturerModelName>HapModular demo ECG</manufacturerModelName></manufacturedSeriesDevice></seriesAuthor></author>
                <component><sequenceSet>
                  <component><sequence><code code="TIME_ABSOLUTE" codeSystem="2.16.840.1.113883.5.4"/>
                    <value xsi:type="GLIST_TS"><head value="{time}"/><increment value="0.002" unit="s"/></value></sequence></component>

            """);
        foreach (var (lead, samples) in leads)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""
                      <component><sequence><code code="MDC_ECG_LEAD_{lead}" codeSystem="2.16.840.1.113883.6.24"/>
                        <value xsi:type="SLIST_PQ"><origin value="0" unit="uV"/><scale value="{ScaleMicrovolts}" unit="uV"/>
                          <digits>{string.Join(' ', samples.Select(s => ((int)Math.Round(s / ScaleMicrovolts)).ToString(CultureInfo.InvariantCulture)))}</digits></value></sequence></component>

                """);
        }

        xml.Append("""
                </sequenceSet></component>
              </series></component>
            </AnnotatedECG>

            """);
        return ("ecg-12-derivations.xml", Encoding.UTF8.GetBytes(xml.ToString()));
    }

    private static double[] Trace(int n, double p, double q, double r, double s, double t)
    {
        var samples = new double[n];
        const double beat = 60.0 / 70;
        for (var i = 0; i < n; i++)
        {
            var tInBeat = (i / (double)Rate % beat) - 0.25;
            samples[i] = Wave(tInBeat, -0.16, 0.025, p) + Wave(tInBeat, -0.03, 0.008, q) + Wave(tInBeat, 0, 0.01, r)
                + Wave(tInBeat, 0.03, 0.01, s) + Wave(tInBeat, 0.25, 0.045, t);
        }

        return samples;
    }

    private static double Wave(double t, double centre, double width, double amplitude) =>
        amplitude * Math.Exp(-((t - centre) * (t - centre)) / (2 * width * width));

    private static double[] Combine(double[] a, double ka, double[] b, double kb) => [.. a.Select((v, i) => (ka * v) + (kb * b[i]))];
}
