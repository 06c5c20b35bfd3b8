using System.Security.Cryptography;
using HapModular.SharedKernel;
using HapModular.Testing;

namespace HapModular.Modules.Consent.Tests;

/// <summary>
/// Links defended like passwords: identity checks throttled per physician and per patient, the proof a real page or
/// signature, nothing kept from a failed attempt.
/// </summary>
public sealed partial class LinkPagesTests
{
    private const string TooMany = "Trop de tentatives";

    [Fact]
    public async Task Failures_against_one_patient_from_several_physicians_stop_the_next_one_with_the_neutral_answer()
    {
        var (patient, niss) = await PatientWithConsentAsync("Goossens", new DateOnly(1977, 7, 7));
        for (var i = 0; i < 5; i++)
        {
            var guesser = Client(new TestUser(Guid.NewGuid(), [Roles.Physician], "18334780004", "Dr Guesser " + i));
            var wrong = await (await Forms.PostAsync(guesser, "/links/declare", Declaration(niss, "Goossen" + i, "1977-07-07"), Scan())).Content.ReadAsStringAsync();
            Assert.Contains("Aucun lien", wrong, StringComparison.Ordinal);
        }

        var honest = Client(physician);
        var page = await (await Forms.PostAsync(honest, "/links/declare", Declaration(niss, "Goossens", "1977-07-07"), Scan())).Content.ReadAsStringAsync();

        // The same answer as a mismatch: the physician learns nothing about the patient (not even that someone tried).
        Assert.Contains("Aucun lien", page, StringComparison.Ordinal);
        Assert.DoesNotContain(TooMany, page, StringComparison.Ordinal);
        Assert.DoesNotContain("GOOSSENS", await honest.GetStringAsync("/patients"), StringComparison.Ordinal);
        var alerts = await AuditReasonsAsync("identity-check-alert", patient.PatientId);
        Assert.Contains(alerts, r => r.Contains("against this patient", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Emergency_access_by_niss_is_throttled_too()
    {
        var (patient, niss) = await PatientWithConsentAsync("Claes", new DateOnly(1969, 9, 9));
        var client = Client(physician);
        for (var i = 0; i < 5; i++)
        {
            await Forms.PostAsync(client, "/emergency", Emergency(niss, "Claas" + i));
        }

        var page = await (await Forms.PostAsync(client, "/emergency", Emergency(niss, "Claes"))).Content.ReadAsStringAsync();

        Assert.Contains(TooMany, page, StringComparison.Ordinal);
        Assert.Equal(5, (await AuditReasonsAsync("identity-check", patient.PatientId)).Count(r => r.StartsWith("emergency: name", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("photos/png_rgb_hopper.png", "Joignez une page entière")]
    [InlineData("photos/jpeg_truncated_progressive.jpg", "Joignez une page entière")]
    [InlineData("fake.pdf", "ne peut pas être lu")]
    public async Task A_small_picture_or_a_file_that_only_starts_like_a_pdf_is_not_a_proof(string file, string message)
    {
        var (_, niss) = await PatientWithConsentAsync("Wouters", new DateOnly(1984, 4, 4));
        var bytes = file == "fake.pdf" ? "%PDF-1.4\n% signed consent form\n"u8.ToArray() : await File.ReadAllBytesAsync(Corpus.File(file));
        var client = Client(physician);

        var page = await (await Forms.PostAsync(client, "/links/declare", Declaration(niss, "Wouters", "1984-04-04"), ("ProofFile", Path.GetFileName(file), bytes))).Content.ReadAsStringAsync();

        Assert.Contains(message, page.Replace("&#x27;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("WOUTERS", await client.GetStringAsync("/patients"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_pdf_of_a_page_is_a_proof()
    {
        var (_, niss) = await PatientWithConsentAsync("Jacobs", new DateOnly(1975, 5, 5));
        var client = Client(physician);
        var response = await Forms.PostAsync(client, "/links/declare", Declaration(niss, "Jacobs", "1975-05-05"), ("ProofFile", "consent.pdf", await File.ReadAllBytesAsync(ConsentProofs.PdfPath)));
        Assert.Contains("JACOBS", await Forms.FollowAsync(client, response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blank_signature_is_not_a_proof()
    {
        var (_, niss) = await PatientWithConsentAsync("Mertens", new DateOnly(1988, 8, 8));
        var blank = ConsentProofs.Signature();
        using (var image = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgba32>(blank))
        {
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < rows.Height; y++)
                {
                    rows.GetRowSpan(y).Clear();
                }
            });
            using var stream = new MemoryStream();
            SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, stream);
            blank = stream.ToArray();
        }

        var fields = new Dictionary<string, string>(Declaration(niss, "Mertens", "1988-08-08")) { ["ProofMode"] = "signature", ["Signature"] = "data:image/png;base64," + Convert.ToBase64String(blank) };
        var page = await (await Forms.PostAsync(Client(physician), "/links/declare", fields)).Content.ReadAsStringAsync();
        Assert.Contains("La signature n", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_kept_from_a_failed_attempt_and_the_proof_of_a_link_is()
    {
        var (_, niss) = await PatientWithConsentAsync("Smets", new DateOnly(1991, 1, 1));
        var client = Client(physician);
        var failed = ConsentProofs.Page(variant: Interlocked.Increment(ref sequence));
        var kept = ConsentProofs.Page(variant: Interlocked.Increment(ref sequence));

        await Forms.PostAsync(client, "/links/declare", Declaration(niss, "Smits", "1991-01-01"), ("ProofFile", "consent.png", failed));
        await Forms.FollowAsync(client, await Forms.PostAsync(client, "/links/declare", Declaration(niss, "Smets", "1991-01-01"), ("ProofFile", "consent.png", kept)));

        Assert.False(BlobExists(failed));
        Assert.True(BlobExists(kept));
    }

    private bool BlobExists(byte[] content)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(content));
        var root = Path.Combine(factory.DataDirectory, "blobs");
        return Directory.Exists(root) && Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Any(f => Path.GetFileName(f).StartsWith(id, StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<string>> AuditReasonsAsync(string action, Guid patientId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT coalesce(reason, '') FROM audit.records WHERE action = $1 AND patient_id = $2 ORDER BY seq", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = action });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = patientId });
        var reasons = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            reasons.Add(reader.GetString(0));
        }

        return reasons;
    }

    private static Dictionary<string, string> Emergency(string niss, string lastName) => new()
    {
        ["Niss"] = niss,
        ["LastName"] = lastName,
        ["BirthDate"] = "1969-09-09",
        ["Category"] = "emergency-care",
        ["Justification"] = "Patient inconscient aux urgences, besoin des antécédents.",
    };
}
