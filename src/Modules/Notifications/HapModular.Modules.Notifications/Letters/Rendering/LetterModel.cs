using HapModular.Modules.Consent.Contracts;

namespace HapModular.Modules.Notifications.Letters.Rendering;

/// <summary>Everything printed on one letter (no NISS).</summary>
internal sealed record LetterModel(
    string Language,
    PatientNoticeKind Kind,
    string PatientName,
    IReadOnlyList<string> PatientAddress,
    string? PhysicianName,
    string? PhysicianInami,
    string? LinkType,
    DateTimeOffset OccurredAt,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    string? ConsentStatus,
    string AccessCode,
    DateTimeOffset AccessCodeExpires,
    DateTimeOffset PrintedAt);
