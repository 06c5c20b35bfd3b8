namespace HapModular.Viewers.Text;

/// <summary>
/// The record kind of a document by its LOINC document code (CDA <c>ClinicalDocument/code</c>, FHIR
/// <c>DocumentReference.type</c>/<c>category</c>, <c>DiagnosticReport.code</c>/<c>category</c>). This is the hospital's
/// filing policy for the codes its senders use, not a transcription of LOINC: a code not listed here states no kind,
/// and the record files the document under "other" rather than guess (LOINC's full class table is not available here).
/// </summary>
internal static class LoincKinds
{
    public const string System = "http://loinc.org";
    public const string Oid = "2.16.840.1.113883.6.1";

    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        // Laboratory reports and studies.
        ["11502-2"] = DocumentKindNames.Lab, ["26436-6"] = DocumentKindNames.Lab, ["18717-9"] = DocumentKindNames.Lab, ["18719-5"] = DocumentKindNames.Lab,
        ["18723-7"] = DocumentKindNames.Lab, ["18725-2"] = DocumentKindNames.Lab, ["18727-8"] = DocumentKindNames.Lab, ["18728-6"] = DocumentKindNames.Lab,
        ["18729-4"] = DocumentKindNames.Lab, ["58410-2"] = DocumentKindNames.Lab, ["24323-8"] = DocumentKindNames.Lab, ["LP29693-6"] = DocumentKindNames.Lab,
        // Device recordings.
        ["11524-6"] = DocumentKindNames.DeviceReport, ["34534-8"] = DocumentKindNames.DeviceReport, ["18844-1"] = DocumentKindNames.DeviceReport,
        // Reports and notes: imaging, pathology, cardiology, discharge, consultation, procedure, summaries.
        ["18748-4"] = DocumentKindNames.Report, ["68604-8"] = DocumentKindNames.Report, ["18747-6"] = DocumentKindNames.Report, ["18755-9"] = DocumentKindNames.Report,
        ["18760-9"] = DocumentKindNames.Report, ["18782-3"] = DocumentKindNames.Report, ["24627-2"] = DocumentKindNames.Report, ["11526-1"] = DocumentKindNames.Report,
        ["11529-5"] = DocumentKindNames.Report, ["34133-9"] = DocumentKindNames.Report, ["60591-5"] = DocumentKindNames.Report, ["18842-5"] = DocumentKindNames.Report,
        ["11490-0"] = DocumentKindNames.Report, ["11488-4"] = DocumentKindNames.Report, ["51845-6"] = DocumentKindNames.Report, ["34117-2"] = DocumentKindNames.Report,
        ["28570-0"] = DocumentKindNames.Report, ["11505-5"] = DocumentKindNames.Report, ["11504-8"] = DocumentKindNames.Report, ["11506-3"] = DocumentKindNames.Report,
        ["57133-1"] = DocumentKindNames.Report, ["18761-7"] = DocumentKindNames.Report, ["34111-5"] = DocumentKindNames.Report, ["18776-5"] = DocumentKindNames.Report,
        ["34109-9"] = DocumentKindNames.Report, ["LP29684-5"] = DocumentKindNames.Report, ["LP29708-2"] = DocumentKindNames.Report, ["LP7839-6"] = DocumentKindNames.Report,
        // Administrative and legal documents: advance directives, DNR orders, consents, powers of attorney.
        ["42348-3"] = DocumentKindNames.Other, ["84095-9"] = DocumentKindNames.Other, ["64298-3"] = DocumentKindNames.Other, ["59284-0"] = DocumentKindNames.Other,
        ["57016-8"] = DocumentKindNames.Other, ["75320-2"] = DocumentKindNames.Other, ["81334-5"] = DocumentKindNames.Other,
    };

    // HL7 v2 table 0074 codes, as FHIR DiagnosticReport.category uses them (http://terminology.hl7.org/CodeSystem/v2-0074).
    private static readonly HashSet<string> LabSections = new(StringComparer.OrdinalIgnoreCase) { "LAB", "CH", "HM", "MB", "MCB", "BLB", "IMM", "SR", "URN", "VR", "SP", "CP", "TX" };
    private static readonly HashSet<string> ReportSections = new(StringComparer.OrdinalIgnoreCase) { "RAD", "CT", "MR", "NMR", "NMS", "RX", "RUS", "VUS", "CUS", "EC", "PAT", "CTH", "OT", "PHY", "PT" };

    public static string? OfLoinc(string? code) => code is not null && Kinds.TryGetValue(code, out var kind) ? kind : null;

    public static string? OfSection(string? code) =>
        code is null ? null : LabSections.Contains(code) ? DocumentKindNames.Lab : ReportSections.Contains(code) ? DocumentKindNames.Report : null;
}
