using HapModular.Modules.Consent.Contracts;

namespace HapModular.Modules.Consent.Outbox;

/// <summary>
/// A letter request stored in the same Marten transaction as the event that asks for it (transactional outbox):
/// the event and its notice commit together, so a crash after the commit can delay the letter but never lose it.
/// Removed once Notifications has taken the notice. Keyed by the notice's event key; holds a patient id, never a NISS.
/// </summary>
internal sealed class PendingNotice
{
    public string Id { get; set; } = string.Empty;

    public PatientNoticeRequested Notice { get; set; } = null!;

    public DateTimeOffset CreatedAt { get; set; }
}
