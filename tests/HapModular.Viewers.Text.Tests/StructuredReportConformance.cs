using HapModular.Viewers.Testing;

namespace HapModular.Viewers.Text.Tests;

public sealed class PdfReportViewerConformance : ViewerConformanceTests
{
    protected override IViewer Viewer => Reports.ById("text.pdf");

    protected override IEnumerable<ViewerContent> Samples() => Corpus.Files("pdf").Select(Reports.Content);
}

public sealed class CdaViewerConformance : ViewerConformanceTests
{
    protected override IViewer Viewer => Reports.ById("text.cda");

    protected override IEnumerable<ViewerContent> Samples() => Corpus.Files("cda").Select(Reports.Content);
}

public sealed class OruViewerConformance : ViewerConformanceTests
{
    protected override IViewer Viewer => Reports.ById("text.hl7v2");

    protected override IEnumerable<ViewerContent> Samples() => Corpus.Files("hl7v2").Select(Reports.Content);
}

public sealed class FhirViewerConformance : ViewerConformanceTests
{
    protected override IViewer Viewer => Reports.ById("text.fhir");

    protected override IEnumerable<ViewerContent> Samples() => Corpus.Files("fhir").Select(Reports.Content);
}
