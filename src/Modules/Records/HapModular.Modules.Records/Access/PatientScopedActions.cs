namespace HapModular.Modules.Records.Access;

/// <summary>The audit actions of patient-scoped requests (R7 vocabulary).</summary>
internal static class PatientScopedActions
{
    public const string Read = "read";
    public const string Search = "search";
    public const string Render = "render";
    public const string Download = "download";

    /// <summary>A document masked (R6) by its author or, through the desk, by the patient.</summary>
    public const string Mask = "mask";

    /// <summary>A mask lifted by whoever set it.</summary>
    public const string Unmask = "unmask";

    /// <summary>The desk's list of a patient's documents (titles, dates, kinds; no content).</summary>
    public const string DeskDocuments = "desk-documents";

    /// <summary>Who accessed the record: the only patient-scoped request staff may send.</summary>
    public const string AccessReport = "access-report";

    /// <summary>The patient reading their own access report with the code from their letter.</summary>
    public const string OwnAccessReport = "own-access-report";
}
