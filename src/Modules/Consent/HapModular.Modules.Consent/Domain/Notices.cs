using HapModular.Modules.Consent.Contracts;

namespace HapModular.Modules.Consent.Domain;

/// <summary>
/// The letters R8 asks for, as notifications published after the commit. The key is the stream and the version the
/// event reached, so the same event always gives the same key (Notifications writes one letter per key).
/// </summary>
internal static class Notices
{
    public static PatientNoticeRequested LinkCreated(
        Guid linkId, long version, Guid patientId, Guid physicianUserId, string physicianName, string inami, string linkType, DateTimeOffset start, DateTimeOffset end) =>
        new($"{linkId}:{version}", PatientNoticeKind.LinkCreated, patientId, start, physicianUserId, physicianName, inami, linkType, start, end);

    public static PatientNoticeRequested ConsentChanged(Guid streamId, long version, Guid patientId, DateTimeOffset at, string status) =>
        new($"{streamId}:{version}", PatientNoticeKind.ConsentChanged, patientId, at, ConsentStatus: status);

    public static PatientNoticeRequested LinkEnded(Guid linkId, long version, Guid patientId, DateTimeOffset at, Guid physicianUserId, string physicianName, string inami, string linkType) =>
        new($"{linkId}:{version}", PatientNoticeKind.LinkEnded, patientId, at, physicianUserId, physicianName, inami, linkType);

    public static PatientNoticeRequested ExclusionConfirmed(Guid streamId, long version, Guid patientId, DateTimeOffset at, string? physicianName, string inamiIdentity) =>
        new($"{streamId}:{version}", PatientNoticeKind.ExclusionConfirmed, patientId, at, PhysicianName: physicianName, PhysicianInami: inamiIdentity);
}
