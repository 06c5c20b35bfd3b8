namespace HapModular.Modules.Identity.Accounts;

/// <summary>
/// One person's account, from the access request to deactivation. A physician's request is an account in
/// <see cref="AccountStatus.Requested"/>, so a second request for the same INAMI identity finds it.
/// </summary>
internal sealed class Account
{
    private string? securityStamp;

    public Guid Id { get; set; }

    /// <summary>Lower-case, trimmed.</summary>
    public string Email { get; set; } = string.Empty;

    public string FirstName { get; set; } = string.Empty;

    public string LastName { get; set; } = string.Empty;

    public List<string> Roles { get; set; } = [];

    public AccountStatus Status { get; set; }

    public string? Inami { get; set; }

    /// <summary>INAMI digits 1–8: the person, whatever their current qualification.</summary>
    public string? InamiIdentity { get; set; }

    public string? Specialty { get; set; }

    public string? Phone { get; set; }

    public string? PracticeAddress { get; set; }

    /// <summary>Two-letter UI language at request time: e-mails are written in it.</summary>
    public string Language { get; set; } = "fr";

    public string? TermsVersion { get; set; }

    public DateTimeOffset? TermsAcceptedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid? DecidedBy { get; set; }

    public string? RejectionReason { get; set; }

    /// <summary>When the hospital checks again that the physician still practises (R1.1).</summary>
    public DateOnly? ReverifyOn { get; set; }

    public string? PasswordHash { get; set; }

    /// <summary>The TOTP secret, encrypted with data protection (keys in PostgreSQL).</summary>
    public string? ProtectedTotpSecret { get; set; }

    /// <summary>The last accepted TOTP time step: a code is accepted once (RFC 6238 §5.2).</summary>
    public long LastTotpStep { get; set; }

    /// <summary>SHA-256 of each unused recovery code.</summary>
    public List<string> RecoveryCodeHashes { get; set; } = [];

    /// <summary>
    /// Changes on password change, deactivation and "sign out everywhere": older sessions end. A new account's is random,
    /// drawn when first read (stored with the account): an account read back from the database gets its stored one
    /// without drawing a new one first (a getrandom call and two allocations on every request authenticated by token).
    /// </summary>
    public string SecurityStamp
    {
        get => securityStamp ??= Guid.NewGuid().ToString("N");
        set => securityStamp = value;
    }

    /// <summary>Consecutive sign-in failures since the last success.</summary>
    public int Failures { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public bool IsPhysician => Roles.Contains(SharedKernel.Roles.Physician);

    public string DisplayName => IsPhysician ? $"Dr {FirstName} {LastName}" : $"{FirstName} {LastName}";

    public bool CanSignIn => Status == AccountStatus.Active && PasswordHash is not null && ProtectedTotpSecret is not null;
}

/// <summary>Where an account stands.</summary>
internal enum AccountStatus
{
    /// <summary>A physician asked for access; an admin has not decided.</summary>
    Requested,

    /// <summary>The request was refused.</summary>
    Rejected,

    /// <summary>Approved or created by an admin; waiting for the person to set a password and enrol TOTP.</summary>
    Enrolling,

    /// <summary>May sign in.</summary>
    Active,

    /// <summary>Switched off by an admin; sessions end at the next request.</summary>
    Deactivated,
}
