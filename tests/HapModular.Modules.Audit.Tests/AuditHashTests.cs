using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HapModular.Modules.Audit.Chain;

namespace HapModular.Modules.Audit.Tests;

/// <summary>
/// The chain's hash is computed from bytes written straight into a buffer: they must be exactly the bytes of the form
/// every stored record was hashed with — the previous hash and JsonSerializer's JSON of the row's values as one string,
/// in UTF-8 — or no existing chain would verify. Checked here against that form, for rows that exercise the JSON
/// encoder (accents, quotes, markup, control characters, an emoji, a lone surrogate) and every null.
/// </summary>
public sealed class AuditHashTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public static TheoryData<string?> Texts => new()
    {
        null,
        string.Empty,
        "Dr Élise Dupont-Müller",
        "Compte rendu \"urgent\" <b>&amp;</b> 'x' + y",
        "ligne\nsuivante\ttab\u0001\u007f",
        "IRM 🧠 cérébrale",
        "lone \ud800 surrogate",
        new string('x', 3000),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_hash_is_the_one_of_the_former_string_form(string? text)
    {
        var row = new AuditRow(
            long.MaxValue - 7, new DateTimeOffset(2026, 12, 5, 6, 40, 1, TimeSpan.FromHours(1)).AddTicks(1234560), "timeline.view", "Allowed",
            text is null ? null : Guid.NewGuid(), text, text is null ? null : "18334780004", text is null ? null : "127.0.0.1",
            Guid.NewGuid(), text is null ? null : Guid.NewGuid(), text, text, text, text is null ? null : Guid.NewGuid());
        foreach (var previous in new[] { AuditHash.Genesis, Convert.ToHexStringLower(SHA256.HashData([1, 2, 3])) })
        {
            Assert.Equal(Former(previous, row, Key), AuditHash.Compute(Key, previous, row));
            Assert.Equal(Former(previous, row, null), AuditHash.ComputeUnkeyed(previous, row));
        }
    }

    [Fact]
    public void Two_rows_one_after_the_other_each_hash_their_own_bytes()
    {
        var longer = new AuditRow(1, DateTimeOffset.UnixEpoch, "a", "Allowed", null, new string('é', 500), null, null, null, null, null, null, null, null);
        var shorter = longer with { Sequence = 2, ActorName = "b" };
        Assert.Equal(Former(AuditHash.Genesis, longer, Key), AuditHash.Compute(Key, AuditHash.Genesis, longer));
        Assert.Equal(Former(AuditHash.Genesis, shorter, Key), AuditHash.Compute(Key, AuditHash.Genesis, shorter));
    }

    // The form the chain was hashed with before the buffer (AuditHash until issue 15).
    private static string Former(string previousHash, AuditRow row, byte[]? key)
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            row.Sequence, row.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), row.Action, row.Outcome, row.ActorUserId,
            row.ActorName, row.ActorInami, row.ClientAddress, row.PatientId, row.DocumentId, row.DocumentTitle, row.Purpose, row.Reason,
            row.LinkOrGrantId,
        });
        var bytes = Encoding.UTF8.GetBytes(previousHash + canonical);
        return Convert.ToHexStringLower(key is null ? SHA256.HashData(bytes) : HMACSHA256.HashData(key, bytes));
    }
}
