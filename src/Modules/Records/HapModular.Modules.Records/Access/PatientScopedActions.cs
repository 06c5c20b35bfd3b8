namespace HapModular.Modules.Records.Access;

/// <summary>The audit actions of patient-scoped requests (R7 vocabulary).</summary>
internal static class PatientScopedActions
{
    public const string Read = "read";
    public const string Search = "search";
    public const string Render = "render";
    public const string Download = "download";

    /// <summary>Who accessed the record: the only patient-scoped request staff may send.</summary>
    public const string AccessReport = "access-report";

    /// <summary>The patient reading their own access report with the code from their letter.</summary>
    public const string OwnAccessReport = "own-access-report";
}
