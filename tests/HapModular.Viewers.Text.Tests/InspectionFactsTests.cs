using System.Text;

namespace HapModular.Viewers.Text.Tests;

/// <summary>
/// Issue 11: what each text document says of itself at ingestion — its kind by its codes (never a wrong specific kind),
/// the patient it names, its own title and date — for every corpus HL7 v2, CDA, FHIR and PDF file.
/// </summary>
public sealed class InspectionFactsTests
{
    [Theory]
    [InlineData("hl7v2/oru_r01_cerner_lead_lab_2.5.1.hl7", DocumentKindNames.Lab, "Miller^Paul^One", "2005-07-15")]
    [InlineData("hl7v2/oru_r01_nist_lead_lab_2.5.1.hl7", DocumentKindNames.Lab, "Johnson^Philip", "2007-05-26")]
    [InlineData("hl7v2/oru_r01_hepatitis_c_lab_2.5.1.hl7", DocumentKindNames.Lab, "Everyman^Adam^A", "1980-06-02")]
    [InlineData("hl7v2/oru_r01_radiology_text_report.hl7", DocumentKindNames.Report, "Smith^Lucy^Mark", "2014-10-14")]
    [InlineData("hl7v2/oru_r01_report_with_embedded_pdf.hl7", DocumentKindNames.Report, "Smith^Lucy^Mark", "2014-10-14")]
    [InlineData("hl7v2/oru_r01_report_with_embedded_cda.hl7", DocumentKindNames.Report, "Smith^Lucy^Mark", "2014-10-14")]
    [InlineData("cda/ccda_ccd.xml", DocumentKindNames.Report, "Jones^Isabella", "1950-12-19")]
    [InlineData("cda/ccda_diagnostic_imaging_report.xml", DocumentKindNames.Report, "Everyman^Adam", "1954-11-25")]
    [InlineData("cda/ccda_discharge_summary.xml", DocumentKindNames.Report, "Jones^Isabella", "2005-05-01")]
    [InlineData("cda/ccda_unstructured_embedded_pdf.xml", DocumentKindNames.Report, "Levin^Henry^L", "1953-03-02")]
    [InlineData("fhir/diagnosticreport_cbc.json", DocumentKindNames.Lab, "Amy Shaw", null)]
    [InlineData("fhir/diagnosticreport_metabolic_panel.json", DocumentKindNames.Lab, "Amy Shaw", null)]
    [InlineData("fhir/observation_cbc_hemoglobin.json", DocumentKindNames.Lab, "Amy Shaw", null)]
    [InlineData("fhir/diagnosticreport_chest_xray_report.json", DocumentKindNames.Report, null, null)]
    [InlineData("fhir/diagnosticreport_cardiology_report.json", DocumentKindNames.Report, null, null)]
    [InlineData("fhir/documentreference_adi_dnr_pdf.json", DocumentKindNames.Other, null, null)]
    [InlineData("fhir/bundle_documentreference_example.json", DocumentKindNames.Report, "Amy Shaw", null)]
    public async Task Kind_and_named_patient_come_from_the_content(string relative, string kind, string? name, string? birth)
    {
        var content = Reports.Doc(relative);
        var inspected = await Reports.Pick(content.Metadata).InspectAsync(content, CancellationToken.None);
        Assert.True(inspected.Succeeded, inspected.FailureReason);
        Assert.Equal(kind, inspected.Kind);
        Assert.Equal(name, inspected.Identity?.Name);
        Assert.Equal(birth, inspected.Identity?.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_message_with_no_code_that_says_what_it_is_states_no_kind()
    {
        var message = "MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5.1\rPID|||42||Doe^Jane||19700101\rOBR|1|||X^Something^L\rOBX|1|TX|Y^Note^L||free text\r";
        var content = new ViewerContent(new DocumentMetadata("application/hl7-v2"), Encoding.ASCII.GetBytes(message));
        var inspected = await Reports.Pick(content.Metadata).InspectAsync(content, CancellationToken.None);
        Assert.Null(inspected.Kind);
        Assert.Equal("Doe^Jane", inspected.Identity?.Name);
    }

    [Theory]
    [InlineData("pdf/lab_report_labcorp_sample_multiple_reference_ranges.pdf", "197-996-9513-0 SAMPLE REPORT", "2016-07-15")]
    [InlineData("pdf/discharge_summary_sample.pdf", null, "2014-10-20")]
    [InlineData("pdf/ecg_12lead_report_3x4.pdf", null, "2013-10-05")]
    public async Task A_pdf_gives_its_own_title_and_creation_date(string relative, string? title, string date)
    {
        var content = Reports.Doc(relative);
        var inspected = await Reports.Pick(content.Metadata).InspectAsync(content, CancellationToken.None);
        Assert.Equal(title, inspected.Title);
        Assert.Equal(date, inspected.ClinicalDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("E: DcmElement: Unknown Tag & Data (0820,0500) larger (173228800) than remaining bytes in file\n", null)]
    [InlineData("# Medical document test corpus — MANIFEST\n\nGenerated…", null)]
    [InlineData("# Dicom-File-Format\n", null)]
    [InlineData("Traceback (most recent call last):\n", null)]
    [InlineData("\n\nCompte rendu de consultation de cardiologie\nPatient vu ce jour.", "Compte rendu de consultation de cardiologie")]
    public async Task A_plain_text_title_is_its_first_line_unless_that_line_is_junk(string text, string? title)
    {
        var content = new ViewerContent(new DocumentMetadata("text/plain"), Encoding.UTF8.GetBytes(text));
        var inspected = await Reports.ById("text.plain").InspectAsync(content, CancellationToken.None);
        Assert.Equal(title, inspected.Title);
    }
}
