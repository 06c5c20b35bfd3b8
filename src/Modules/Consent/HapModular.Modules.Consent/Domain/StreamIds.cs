using System.Security.Cryptography;
using System.Text;

namespace HapModular.Modules.Consent.Domain;

/// <summary>
/// Deterministic stream ids: one link stream per (physician, patient), one consent stream per patient, one exclusion
/// stream per (patient, INAMI identity). Two concurrent declarations of the same pair therefore race for the same
/// stream and Marten's optimistic concurrency lets only one win: never two links.
/// </summary>
internal static class StreamIds
{
    public static Guid Link(Guid physicianUserId, Guid patientId) => From($"link:{physicianUserId:N}:{patientId:N}");

    public static Guid Consent(Guid patientId) => From($"consent:{patientId:N}");

    public static Guid Exclusion(Guid patientId, string inamiIdentity) => From($"exclusion:{patientId:N}:{inamiIdentity}");

    private static Guid From(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        // Version 8 (custom) UUID layout so the ids never collide with random version 4 grant ids.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
