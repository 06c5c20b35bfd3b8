using System.Security.Cryptography;
using System.Text;
using HapModular.Modules.Consent.Domain;

namespace HapModular.Modules.Consent.Tests;

/// <summary>
/// Stream ids name the streams already stored: computed on the stack, they must stay exactly those of the former
/// string form, or every existing link, consent and exclusion would be lost to the guard.
/// </summary>
public sealed class StreamIdsTests
{
    [Theory]
    [InlineData("18334780")]
    [InlineData("")]
    [InlineData("Ünïcødé-ínámí 🩺")]
    [InlineData("a very long INAMI identity that does not fit the stack buffer of the key, repeated: 0123456789012345678901234567890123456789")]
    public void Ids_are_those_of_the_former_string_keys(string inami)
    {
        var physician = Guid.NewGuid();
        var patient = Guid.NewGuid();
        Assert.Equal(Former($"link:{physician:N}:{patient:N}"), StreamIds.Link(physician, patient));
        Assert.Equal(Former($"consent:{patient:N}"), StreamIds.Consent(patient));
        Assert.Equal(Former($"exclusion:{patient:N}:{inami}"), StreamIds.Exclusion(patient, inami));
    }

    // The form the ids were computed with until issue 15.
    private static Guid Former(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
