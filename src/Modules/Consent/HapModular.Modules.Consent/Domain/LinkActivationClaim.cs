namespace HapModular.Modules.Consent.Domain;

/// <summary>
/// R8 "told once", enforced by the database: an activation of a link (the event that sends the LinkCreated letter)
/// inserts — never upserts — this document, keyed by the link and the stream version its decision was read at, in the
/// same transaction as the events. Two declarations that both saw the same state cannot both commit: the second
/// hits the primary key, retries, and finds the link active. This holds whatever the event store's read path does.
/// </summary>
internal sealed class LinkActivationClaim
{
    public string Id { get; set; } = string.Empty;

    public Guid LinkId { get; set; }

    public DateTimeOffset At { get; set; }

    public static LinkActivationClaim For(Guid linkId, long decidedAtVersion, DateTimeOffset at) =>
        new() { Id = $"{linkId:N}:{decidedAtVersion}", LinkId = linkId, At = at };
}
