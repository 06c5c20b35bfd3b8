namespace HapModular.Viewers.Text;

/// <summary>Entry point: the text-report viewers (plain, HTML, PDF, HL7 CDA, HL7 v2 ORU, FHIR R4).</summary>
public sealed class TextViewersPlugin : IViewerPlugin
{
    /// <inheritdoc />
    public IReadOnlyList<IViewer> CreateViewers(PluginContext context) =>
        [new PlainTextViewer(), new HtmlReportViewer(), new Pdf.PdfReportViewer(), new Cda.CdaViewer(), new Hl7v2.OruViewer(), new Fhir.FhirViewer()];
}
