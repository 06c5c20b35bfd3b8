using HapModular.Viewers.Testing;

namespace HapModular.Viewers.DeviceReports.Tests;

public sealed class EcgViewerConformance : ViewerConformanceTests
{
    protected override IViewer Viewer => Devices.Ecg;

    protected override IEnumerable<ViewerContent> Samples()
    {
        yield return Devices.Aecg("fda_minimum_aecg.xml");
        yield return Devices.Aecg("hl7_aecg_example_2003_ballot_12lead.xml");
        yield return Devices.Aecg("liryc_hl7aecg_example.xml");
        yield return Devices.Contec();
        yield return Devices.Doc("scp-ecg/ecgtoolkit_example_12lead.scp", "application/scp-ecg");
        yield return new ViewerContent(new DocumentMetadata("application/dicom", "ecg.dcm", "1.2.840.10008.5.1.4.1.1.9.1.1"), File.ReadAllBytes(Corpus.Dicom("ecg_12lead_waveform.dcm")));
    }
}

public sealed class SpirometryViewerConformance : ViewerConformanceTests
{
    protected override IViewer Viewer => Devices.Spirometry;

    protected override IEnumerable<ViewerContent> Samples()
    {
        yield return Devices.Doc("device/ndd_easyone_spirometry_results.csv", "text/csv");
    }
}
