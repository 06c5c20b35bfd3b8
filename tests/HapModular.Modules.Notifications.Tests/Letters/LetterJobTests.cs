using System.Globalization;
using System.Text.RegularExpressions;
using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Notifications.Contracts;
using HapModular.Modules.Notifications.Letters.Batch;
using HapModular.Modules.Notifications.Letters.Queue;
using HapModular.Modules.Notifications.Letters.Rendering;
using HapModular.Modules.Records.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UglyToad.PdfPig;

namespace HapModular.Modules.Notifications.Tests.Letters;

/// <summary>R8/J6: the letter job through the real Hangfire server, real PostgreSQL and real PDF rendering.</summary>
public sealed partial class LetterJobTests(LettersFactory factory) : IClassFixture<LettersFactory>
{
    private static int sequence = 200;

    [Fact]
    public async Task A_job_that_fails_twice_then_succeeds_puts_exactly_one_french_letter_in_the_print_batch()
    {
        var patientId = await RegisterAsync("Chloé", "Lefèvre", new DateOnly(1989, 7, 30), "fr");
        var start = factory.Time.GetUtcNow();
        var notice = LinkCreated(patientId, start);
        factory.Physicians.FailNext(2);
        var callsBefore = factory.Physicians.Calls;

        await PublishAsync(notice);
        await PublishAsync(notice);

        var pdf = await WaitForLetterAsync(PatientNoticeRequestedHandler.LetterIdOf(notice.EventKey), TimeSpan.FromSeconds(60));
        Assert.Equal(3, factory.Physicians.Calls - callsBefore);
        var text = TextOf(pdf);
        Assert.Contains("Dr Jean Dupont", text, StringComparison.Ordinal);
        Assert.Contains("1-83347-80-004", text, StringComparison.Ordinal);
        Assert.Contains("lien thérapeutique « consultation »", text, StringComparison.Ordinal);
        Assert.Contains("du 26 novembre 2026 au 26 février 2028", text, StringComparison.Ordinal);
        Assert.Contains("Votre code personnel", text, StringComparison.Ordinal);
        Assert.Contains("Chloé Lefèvre", text, StringComparison.Ordinal);
        Assert.Contains("Comment vous opposer", text, StringComparison.Ordinal);

        var batch = await BatchAsync();
        Assert.Single(await LettersOfPatientAsync(patientId));
        using var batchPdf = PdfDocument.Open(batch);
        Assert.Single(batchPdf.GetPages(), p => p.Text.Contains("Chloé Lefèvre", StringComparison.Ordinal));

        var code = CodePattern().Match(text).Groups[1].Value;
        Assert.Equal(patientId, await SendAsync(new VerifyPatientAccessCode(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), new DateOnly(1989, 7, 30))));
        Assert.Null(await SendAsync(new VerifyPatientAccessCode(code, new DateOnly(1989, 7, 31))));
        Assert.Null(await SendAsync(new VerifyPatientAccessCode("ABCD-EFGH-JKLM", new DateOnly(1989, 7, 30))));
    }

    [Fact]
    public async Task A_retried_or_duplicated_job_never_writes_a_second_letter()
    {
        var patientId = await RegisterAsync("Luc", "Dupont", new DateOnly(1972, 1, 9), "fr");
        var notice = LinkCreated(patientId, factory.Time.GetUtcNow());
        await PublishAsync(notice);
        var letterId = PatientNoticeRequestedHandler.LetterIdOf(notice.EventKey);
        var first = await WaitForLetterAsync(letterId, TimeSpan.FromSeconds(30));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var job = scope.ServiceProvider.GetRequiredService<LetterJob>();
            await job.RunAsync(letterId, CancellationToken.None);
            await job.RunAsync(letterId, CancellationToken.None);
        }

        Assert.Equal(first, Assert.Single(await LettersOfPatientAsync(patientId)));
    }

    [Theory]
    [InlineData("nl", "Uw persoonlijke code", "26 november 2026", "Betreft: een arts heeft voortaan toegang")]
    [InlineData("de", "Ihr persönlicher Code", "26 Februar 2028", "Krankenhausakte")]
    [InlineData("en", "Your personal code", "26 February 2028", "How to object")]
    public async Task The_letter_is_in_the_patients_language(string language, string code, string date, string phrase)
    {
        var patientId = await RegisterAsync("Sofie", "Maes" + language, new DateOnly(2003, 9, 5), language);
        var notice = LinkCreated(patientId, factory.Time.GetUtcNow());
        await PublishAsync(notice);

        var text = TextOf(await WaitForLetterAsync(PatientNoticeRequestedHandler.LetterIdOf(notice.EventKey), TimeSpan.FromSeconds(30)));

        Assert.Contains(code, text, StringComparison.Ordinal);
        Assert.Contains(date, text, StringComparison.Ordinal);
        Assert.Contains(phrase, text, StringComparison.Ordinal);
        Assert.Contains("Dr Jean Dupont", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patient_who_agreed_also_gets_the_letter_by_email_once()
    {
        var patientId = await RegisterAsync("Marie", "Dubois", new DateOnly(1956, 3, 14), "fr", "marie.dubois@example.org");
        var notice = new PatientNoticeRequested($"{Guid.NewGuid()}:1", PatientNoticeKind.EmergencyAccess, patientId, factory.Time.GetUtcNow(),
            LettersFactory.Dupont.UserId, "Dr Jean Dupont", "18334780004", null, factory.Time.GetUtcNow(), factory.Time.GetUtcNow().AddHours(24));
        await PublishAsync(notice);
        var letterId = PatientNoticeRequestedHandler.LetterIdOf(notice.EventKey);
        var pdf = await WaitForLetterAsync(letterId, TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => factory.Emails.Any(e => e.IdempotencyKey == $"letter:{letterId}"), TimeSpan.FromSeconds(30));

        var email = Assert.Single(factory.Emails, e => e.IdempotencyKey == $"letter:{letterId}");
        Assert.Equal("marie.dubois@example.org", email.To);
        Assert.Equal(pdf, email.Attachment?.Content);
        Assert.Contains("accès d'urgence", TextOf(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_niss_appears_in_job_arguments_or_letter_rows()
    {
        var niss = NissFor(new DateOnly(1965, 5, 21), 2 * Interlocked.Increment(ref sequence) + 1);
        var patientId = await SendAsync(new RegisterPatient(niss, "Pieter", "Janssens", new DateOnly(1965, 5, 21), "M", "nl", ["Kerkstraat 15", "9000 Gent"], null, false));
        var notice = LinkCreated(patientId, factory.Time.GetUtcNow());
        await PublishAsync(notice);
        await WaitForLetterAsync(PatientNoticeRequestedHandler.LetterIdOf(notice.EventKey), TimeSpan.FromSeconds(30));

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "SELECT coalesce(string_agg(arguments::text || invocationdata::text, ' '), '') FROM hangfire.job", "SELECT string_agg(notice::text || event_key, ' ') FROM notifications.letters" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var text = (string)(await command.ExecuteScalarAsync())!;
            Assert.DoesNotContain(niss, text, StringComparison.Ordinal);
        }
    }

    private static PatientNoticeRequested LinkCreated(Guid patientId, DateTimeOffset start) =>
        new($"{Guid.NewGuid()}:3", PatientNoticeKind.LinkCreated, patientId, start, LettersFactory.Dupont.UserId, "Dr Jean Dupont", "18334780004", "consultation", start, start.AddMonths(15));

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var page = Assert.Single(document.GetPages());
        return string.Join(" ", page.GetWords().Select(w => w.Text));
    }

    private async Task PublishAsync(PatientNoticeRequested notice)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(notice);
    }

    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private Task<Guid> RegisterAsync(string first, string last, DateOnly birth, string language, string? email = null) =>
        SendAsync(new RegisterPatient(NissFor(birth, 2 * Interlocked.Increment(ref sequence)), first, last, birth, "F", language, ["Rue de la Station 12", "7000 Mons"], email, email is not null));

    private async Task<byte[]> WaitForLetterAsync(Guid letterId, TimeSpan timeout)
    {
        byte[]? pdf = null;
        await WaitUntilAsync(async () => (pdf = await PdfOfAsync(letterId)) is not null, timeout);
        return pdf!;
    }

    private async Task<byte[]?> PdfOfAsync(Guid letterId)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pdf FROM notifications.letters WHERE id = $1", connection);
        command.Parameters.AddWithValue(letterId);
        return await command.ExecuteScalarAsync() as byte[];
    }

    private async Task<List<byte[]>> LettersOfPatientAsync(Guid patientId)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pdf FROM notifications.letters WHERE patient_id = $1 AND pdf IS NOT NULL", connection);
        command.Parameters.AddWithValue(patientId);
        await using var reader = await command.ExecuteReaderAsync();
        var letters = new List<byte[]>();
        while (await reader.ReadAsync())
        {
            letters.Add((byte[])reader[0]);
        }

        return letters;
    }

    private async Task<byte[]> BatchAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<PrintBatches>().BatchPdfAsync(new DateOnly(2026, 11, 26), CancellationToken.None))!;
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout) => WaitUntilAsync(() => Task.FromResult(condition()), timeout);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting for the letter job");
            await Task.Delay(250);
        }
    }

    private static string NissFor(DateOnly birth, int seq)
    {
        var body = birth.ToString("yyMMdd", CultureInfo.InvariantCulture) + seq.ToString("000", CultureInfo.InvariantCulture);
        var number = long.Parse((birth.Year >= 2000 ? "2" : string.Empty) + body, CultureInfo.InvariantCulture);
        return body + (97 - (number % 97)).ToString("00", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("code personnel : ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})")]
    private static partial Regex CodePattern();
}
