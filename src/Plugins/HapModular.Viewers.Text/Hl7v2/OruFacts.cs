namespace HapModular.Viewers.Text.Hl7v2;

/// <summary>
/// What an ORU message says of itself: title (OBR-4, the universal service), clinical date (OBR-7 observation time,
/// else an OBX-14, else the message time MSH-7), the patient (PID-5 name, PID-7 birth date, PID-3 identifier) and
/// its kind from codes — the diagnostic service section OBR-24 (HL7 table 0074), imaging codes (DICOM, RadLex,
/// LOINC 18748-4) or an attached document. Numeric results alone make a lab report; anything else states no kind.
/// </summary>
internal static class OruFacts
{
    // HL7 v2 table 0074 (Diagnostic Service Section ID): the laboratory sections, and those that produce reports.
    private static readonly HashSet<string> LabSections = new(StringComparer.OrdinalIgnoreCase)
    {
        "LAB", "BG", "BLB", "CH", "CP", "HM", "ICU", "IMM", "MB", "MCB", "MYC", "OSL", "SP", "SR", "TX", "URN", "VR", "VIR",
    };

    private static readonly HashSet<string> ReportSections = new(StringComparer.OrdinalIgnoreCase)
    {
        "RAD", "CT", "MR", "NMR", "NMS", "RX", "RUS", "VUS", "OUS", "CUS", "XRC", "NRS", "RT", "CTH", "EC", "EN", "OT", "PT", "PHY", "PF", "AU", "CG", "PAT", "PHR",
    };

    public static string? Title(Hl7Message message) => message.First("OBR")?.Get(4, 2) is { Length: > 0 } t ? t : null;

    public static DateTimeOffset? ClinicalDate(Hl7Message message)
    {
        var obr = message.First("OBR");
        var observed = obr?.Get(7) is { Length: > 0 } o ? o : message.Segments.Where(s => s.Name == "OBX").Select(s => s.Get(14)).FirstOrDefault(v => v.Length > 0);
        var when = observed ?? message.First("MSH")?.Get(7);
        return Hl7Time.TryParse(when, out var date, out _) ? date : null;
    }

    public static FileIdentity? Identity(Hl7Message message)
    {
        if (message.First("PID") is not { } pid)
        {
            return null;
        }

        var name = string.Join('^', Enumerable.Range(1, 3).Select(c => pid.Get(5, c))).TrimEnd('^');
        var identity = new FileIdentity
        {
            Name = name.Length > 0 ? name : null,
            BirthDate = Hl7Time.TryParse(pid.Get(7), out var born, out _) && pid.Get(7).Length >= 8 ? DateOnly.FromDateTime(born.DateTime) : null,
            Id = pid.Get(3) is { Length: > 0 } id ? id : null,
            Source = "HL7 PID",
        };
        return identity.IsEmpty ? null : identity;
    }

    public static string? Kind(Hl7Message message)
    {
        var section = message.Segments.Where(s => s.Name == "OBR").Select(s => s.Get(24)).FirstOrDefault(v => v.Length > 0);
        if (section is not null)
        {
            return LabSections.Contains(section) ? DocumentKindNames.Lab : ReportSections.Contains(section) ? DocumentKindNames.Report : null;
        }

        var results = message.Segments.Where(s => s.Name == "OBX").ToList();
        var codes = message.Segments.Where(s => s.Name is "OBR" or "OBX").SelectMany(s => new[] { (s.Get(s.Name == "OBR" ? 4 : 3, 1), s.Get(s.Name == "OBR" ? 4 : 3, 3)) }).ToList();
        var imaging = codes.Any(c => c.Item2 is "DCM" or "RadLex" || c.Item1 == "18748-4")
            || results.Any(s => s.Raw(17).Contains("RadLex", StringComparison.Ordinal) || s.Raw(5).Contains("RadLex", StringComparison.Ordinal));
        if (imaging || results.Any(s => s.Get(2) == "ED"))
        {
            // An imaging report, or a document (PDF, CDA) carried in the message: a report, whatever its department.
            return DocumentKindNames.Report;
        }

        return results.Any(s => s.Get(2) is "NM" or "SN") && codes.Any(c => c.Item2 is "LN" or "LOINC") ? DocumentKindNames.Lab : null;
    }
}
