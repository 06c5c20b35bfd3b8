namespace HapModular.Modules.Consent.IdentityChecks;

/// <summary>
/// One identity check a physician made (NISS + last name + birth date), written BEFORE the check runs so that
/// parallel attempts count each other: the k-th attempt to commit sees at least k. Holds no NISS — only who tried,
/// the patient who holds the typed NISS (when one does) and whether it matched.
/// </summary>
internal sealed class IdentityCheckAttempt
{
    public Guid Id { get; set; }

    public Guid PhysicianUserId { get; set; }

    /// <summary>The hospital patient who holds the typed NISS, whatever name was typed; null for an unknown NISS.</summary>
    public Guid? PatientId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary><c>link-declaration</c> or <c>emergency</c>.</summary>
    public string Purpose { get; set; } = string.Empty;

    public bool Matched { get; set; }
}
