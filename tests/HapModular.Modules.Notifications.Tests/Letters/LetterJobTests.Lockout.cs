using HapModular.Modules.Notifications.Contracts;
using HapModular.Modules.Notifications.Letters.Queue;
using Npgsql;

namespace HapModular.Modules.Notifications.Tests.Letters;

/// <summary>
/// Finding (#13): with a stolen letter the birth date is the only secret left, and nothing limited guessing it.
/// Five wrong birth dates lock the code for 24 hours; while locked the right birth date is refused with the same answer.
/// </summary>
public sealed partial class LetterJobTests
{
    [Fact]
    public async Task Five_wrong_birth_dates_lock_the_letter_code_even_for_the_right_one()
    {
        var birth = new DateOnly(1961, 4, 18);
        var (patientId, code) = await LetterCodeAsync("Anne", "Wauters", birth);

        for (var i = 1; i <= 4; i++)
        {
            Assert.Null(await SendAsync(new VerifyPatientAccessCode(code, birth.AddDays(i))));
        }

        // The right birth date after four mistakes: the patient gets in and the count starts again.
        Assert.Equal(patientId, await SendAsync(new VerifyPatientAccessCode(code, birth)));
        for (var i = 1; i <= 4; i++)
        {
            Assert.Null(await SendAsync(new VerifyPatientAccessCode(code, birth.AddYears(i))));
        }

        Assert.Equal(patientId, await SendAsync(new VerifyPatientAccessCode(code, birth)));

        for (var i = 1; i <= 5; i++)
        {
            Assert.Null(await SendAsync(new VerifyPatientAccessCode(code, birth.AddMonths(i))));
        }

        Assert.Null(await SendAsync(new VerifyPatientAccessCode(code, birth)));
        Assert.Equal(factory.Time.GetUtcNow().AddHours(24), await LockedUntilAsync(code));
    }

    private async Task<(Guid PatientId, string Code)> LetterCodeAsync(string first, string last, DateOnly birth)
    {
        var patientId = await RegisterAsync(first, last, birth, "fr");
        var notice = LinkCreated(patientId, factory.Time.GetUtcNow());
        await PublishAsync(notice);
        var text = TextOf(await WaitForLetterAsync(PatientNoticeRequestedHandler.LetterIdOf(notice.EventKey), TimeSpan.FromSeconds(90)));
        return (patientId, CodePattern().Match(text).Groups[1].Value);
    }

    private async Task<DateTimeOffset?> LockedUntilAsync(string code)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT locked_until FROM notifications.access_codes WHERE code_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')", connection);
        command.Parameters.AddWithValue(code.Replace("-", string.Empty, StringComparison.Ordinal));
        return await command.ExecuteScalarAsync() is DateTime utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null;
    }
}
