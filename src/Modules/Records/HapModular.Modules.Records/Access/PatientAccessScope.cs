using HapModular.Modules.Records.Documents;

namespace HapModular.Modules.Records.Access;

/// <summary>
/// The document the shared guard's document check (<see cref="CheckDocumentAccessHandler"/>) loaded and allowed for
/// the current request (scoped), so handlers do not read it twice. Handlers only read it; they never decide access.
/// The access decision itself is in the shared <c>PatientAccessContext</c>.
/// </summary>
internal sealed class PatientAccessScope
{
    public StoredDocument? Document { get; set; }
}
