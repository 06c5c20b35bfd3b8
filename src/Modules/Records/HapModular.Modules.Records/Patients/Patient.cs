namespace HapModular.Modules.Records.Patients;

/// <summary>
/// A hospital patient as stored. The NISS is never stored in clear: <see cref="NissCipher"/> (AES-GCM) for the rare
/// need of the digits, <see cref="NissHash"/> (keyed HMAC) for look-up, <see cref="MaskedNiss"/> for display.
/// </summary>
internal sealed class Patient
{
    public Guid Id { get; set; }

    public string NissHash { get; set; } = string.Empty;

    public string NissCipher { get; set; } = string.Empty;

    public string MaskedNiss { get; set; } = string.Empty;

    public string FirstName { get; set; } = string.Empty;

    public string LastName { get; set; } = string.Empty;

    /// <summary>Upper-case last name without accents, spaces or punctuation (eID comparison).</summary>
    public string LastNameKey { get; set; } = string.Empty;

    /// <summary>Normalised "first last last first" for the staff name search.</summary>
    public string SearchKey { get; set; } = string.Empty;

    public DateOnly BirthDate { get; set; }

    /// <summary>The patient's id in the hospital's own systems (PACS, HIS), matched by the standard interfaces.</summary>
    public string? HospitalId { get; set; }

    public string Sex { get; set; } = "X";

    public string Language { get; set; } = "fr";

    public List<string> PostalAddress { get; set; } = [];

    public string? Email { get; set; }

    public bool EmailNoticesAgreed { get; set; }
}
