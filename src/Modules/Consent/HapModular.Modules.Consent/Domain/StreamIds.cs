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
    public static Guid Link(Guid physicianUserId, Guid patientId)
    {
        // The key is written on the stack: a string and its bytes per id were a visible share of each guarded request
        // (issue 15). The same characters, so the same UTF-8 and the same id, as the former interpolated strings.
        Span<char> key = stackalloc char[80];
        return key.TryWrite($"link:{physicianUserId:N}:{patientId:N}", out var length) ? From(key[..length]) : From($"link:{physicianUserId:N}:{patientId:N}");
    }

    public static Guid Consent(Guid patientId)
    {
        Span<char> key = stackalloc char[48];
        return key.TryWrite($"consent:{patientId:N}", out var length) ? From(key[..length]) : From($"consent:{patientId:N}");
    }

    public static Guid Exclusion(Guid patientId, string inamiIdentity)
    {
        Span<char> key = stackalloc char[128];
        return key.TryWrite($"exclusion:{patientId:N}:{inamiIdentity}", out var length) ? From(key[..length]) : From($"exclusion:{patientId:N}:{inamiIdentity}");
    }

    private static Guid From(ReadOnlySpan<char> key)
    {
        Span<byte> hash = stackalloc byte[32];
        var bytes = key.Length <= 128 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(128)] : new byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        SHA256.HashData(bytes[..Encoding.UTF8.GetBytes(key, bytes)], hash);
        // Version 8 (custom) UUID layout so the ids never collide with random version 4 grant ids.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
