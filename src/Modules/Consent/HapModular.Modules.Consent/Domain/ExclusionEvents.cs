namespace HapModular.Modules.Consent.Domain;

/// <summary>The patient excluded a physician (R4), matched on INAMI digits 1–8.</summary>
internal sealed record ExclusionAdded(Guid PatientId, string InamiIdentity, string? PhysicianName, string? RequestReference, DateTimeOffset At, Actor By);

/// <summary>The patient lifted the exclusion.</summary>
internal sealed record ExclusionLifted(Guid PatientId, string InamiIdentity, string? RequestReference, DateTimeOffset At, Actor By);
