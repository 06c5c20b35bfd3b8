using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Records.Documents;

namespace HapModular.Modules.Records.Access;

/// <summary>
/// What the guard established for the current request (scoped): the access decision (link type and end date for
/// the timeline header) and the document it already loaded and checked, so handlers do not read it twice.
/// Handlers only read it; they never decide access.
/// </summary>
internal sealed class PatientAccessScope
{
    public AccessDecision? Decision { get; set; }

    public StoredDocument? Document { get; set; }

    /// <summary>The physician's INAMI digits: the documents this physician masked as their author stay visible to them (R6).</summary>
    public string? ViewerInami { get; set; }

    /// <summary>Whether the caller may see clinical content (physicians through the guard), or only access reports.</summary>
    public bool ClinicalAccess { get; set; }

    /// <summary>The images (SOP Instance UIDs) an imaging handler is about to send: the guard adds them to the audit burst.</summary>
    public List<string> ServedImages { get; } = [];

    /// <summary>The served study's "modality|YYYYMMDD", for the burst's audit record.</summary>
    public string? ImagingTitle { get; set; }
}
