using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Autofac;
using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Notifications.Contracts;
using HapModular.Modules.Records.Contracts;
using HapModular.SharedKernel;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Audit.Tests;

/// <summary>J5: who accessed the record — at the desk, for the DPO, and for the patient with the code of their letter.</summary>
public sealed partial class AccessReportTests(AccessReportTests.Factory factory) : IClassFixture<AccessReportTests.Factory>
{
    /// <summary>
    /// Codes are issued by Notifications' letter job (not reachable from here): a scripted verifier knows the codes
    /// the test hands out and checks the birth date like the real one.
    /// </summary>
    public sealed class Factory : HapAppFactory
    {
        public ConcurrentDictionary<string, Guid> Codes { get; } = new();

        protected override bool UseTestAuthentication => true;

        protected override void ConfigureTestContainer(ContainerBuilder builder) =>
            builder.Register(c => new ScriptedCodes(Codes, c.Resolve<IMediator>())).As<IRequestHandler<VerifyPatientAccessCode, Guid?>>().InstancePerDependency();

        private sealed class ScriptedCodes(ConcurrentDictionary<string, Guid> codes, IMediator mediator) : IRequestHandler<VerifyPatientAccessCode, Guid?>
        {
            public async Task<Guid?> Handle(VerifyPatientAccessCode request, CancellationToken cancellationToken)
            {
                var key = new string(request.Code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
                if (!codes.TryGetValue(key, out var patient))
                {
                    return null;
                }

                var summary = (await mediator.Send(new GetPatientSummaries([patient]), cancellationToken)).FirstOrDefault();
                return summary?.BirthDate == request.BirthDate ? patient : null;
            }
        }
    }

    private static readonly DateOnly Birth = new(1958, 8, 19);

    [Fact]
    public async Task The_patient_desk_and_the_patient_with_the_letter_code_see_who_read_what()
    {
        var (patient, code) = await PatientWithAccessAsync("Dr Hélène Lenoir", "Échographie cardiaque");

        var desk = factory.CreateClient().As(new TestUser(Guid.NewGuid(), [Roles.PatientDesk], null, "Guichet"));
        var deskHtml = await desk.GetStringAsync($"/desk/access-report/{patient}");
        Assert.Contains("Dr Hélène Lenoir", deskHtml, StringComparison.Ordinal);
        Assert.Contains("Échographie cardiaque", deskHtml, StringComparison.Ordinal);

        var physician = factory.CreateClient().As(new TestUser(Guid.NewGuid(), [Roles.Physician], "10000106003", "Dr X"));
        Assert.NotEqual(HttpStatusCode.OK, (await physician.GetAsync($"/desk/access-report/{patient}")).StatusCode);

        var anonymous = factory.CreateClient();
        var wrong = await PostReportAsync(anonymous, code, Birth.AddDays(1));
        Assert.Contains("ne correspond pas", wrong, StringComparison.Ordinal);
        Assert.DoesNotContain("Lenoir", wrong, StringComparison.Ordinal);

        var right = await PostReportAsync(anonymous, code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), Birth);
        Assert.Contains("Dr Hélène Lenoir", right, StringComparison.Ordinal);
        Assert.Contains("18334780004", right, StringComparison.Ordinal);
        Assert.Contains("Soins", right, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dpo_searches_by_physician_and_outcome()
    {
        await PatientWithAccessAsync("Dr Marc Vasseur", "Radiographie thorax");
        var dpo = factory.CreateClient().As(new TestUser(Guid.NewGuid(), [Roles.Dpo], null, "DPO"));
        var html = await dpo.GetStringAsync("/dpo/audit?physician=Vasseur&outcome=Allowed&purpose=TREAT");
        Assert.Contains("Radiographie thorax", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Échographie cardiaque", html, StringComparison.Ordinal);
        Assert.Contains("intacte", await dpo.GetStringAsync("/dpo/audit?verify=true"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 12: the report a patient reads speaks their language — actions and purposes in words, never the stored
    /// code — and tells the time on the Brussels clock (the audit's 09:00 UTC is 10:00 in Brussels in November), with
    /// the date as the reader writes it (English too: day/month/year).
    /// </summary>
    [Theory]
    [InlineData("fr", "26/11/2026 10:00", "Consultation du dossier")]
    [InlineData("nl", "26-11-2026 10:00", "Inzage van het dossier")]
    [InlineData("de", "26.11.2026 10:00", "Einsicht in die Akte")]
    [InlineData("en", "26/11/2026 10:00", "Record viewed")]
    public async Task The_patients_report_names_actions_in_words_on_the_brussels_clock(string culture, string when, string action)
    {
        var (_, code) = await PatientWithAccessAsync("Dr Paul Nizet", "Scanner abdominal");

        var report = await PostReportAsync(factory.CreateClient(), code, Birth, "/patient-report?culture=" + culture);

        Assert.Contains("Dr Paul Nizet", report, StringComparison.Ordinal);
        Assert.Contains(when, report, StringComparison.Ordinal);
        Assert.Contains(action, report, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>read</td>", report, StringComparison.Ordinal);
        Assert.DoesNotContain("26/11/2026 09:00", report, StringComparison.Ordinal);
        Assert.DoesNotContain("11/26/2026", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dpo_reads_actions_outcomes_and_reasons_in_words()
    {
        await PatientWithAccessAsync("Dr Anne Wery", "IRM genou");
        var dpo = factory.CreateClient().As(new TestUser(Guid.NewGuid(), [Roles.Dpo], null, "DPO"));
        var html = await dpo.GetStringAsync("/dpo/audit?physician=Wery");
        Assert.Contains("IRM genou", html, StringComparison.Ordinal);
        Assert.Contains("<td>Consultation du dossier</td><td>Autorisé</td><td>Soins</td><td>Lien thérapeutique</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>Allowed</td>", html, StringComparison.Ordinal);
    }

    private async Task<(Guid Patient, string Code)> PatientWithAccessAsync(string physician, string title)
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var sequence = Random.Shared.Next(1, 499) * 2;
        var body = long.Parse($"580819{sequence:000}", System.Globalization.CultureInfo.InvariantCulture);
        var patient = await mediator.Send(new RegisterPatient($"{body:000000000}{97 - (body % 97):00}", "Rose", "Delvaux", Birth, "F", "fr", ["Rue 3"], null, false));
        var code = "K7PQ-" + Random.Shared.Next(1000, 9999) + "-XW3M";
        factory.Codes[code.Replace("-", "", StringComparison.Ordinal)] = patient;
        await mediator.Send(new RecordAudit("read", AuditOutcome.Allowed, Guid.NewGuid(), physician, "18334780004", "127.0.0.1", patient, Guid.NewGuid(), title, "TREAT", "link", Guid.NewGuid()));
        return (patient, code);
    }

    private static async Task<string> PostReportAsync(HttpClient client, string code, DateOnly birth, string page = "/patient-report")
    {
        var form = await client.GetStringAsync(page);
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = code,
            ["BirthDate"] = birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = token,
        });
        var response = await client.PostAsync(page, content);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
