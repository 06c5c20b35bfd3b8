using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HapModular.Modules.Consent;
using HapModular.Modules.Consent.Contracts;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// Puts the world's physicians in their situations with Consent's own pages, as the people concerned would: the
/// desk records consent, physicians declare links with a scanned form, end them from "My patients", break the glass;
/// the desk revokes a link, excludes a physician and withdraws a consent; the daily expiry job runs. The clock moves
/// twice (T0 → T1 → T2), so links and grants really run out rather than being written as expired.
/// </summary>
internal sealed partial class ConsentSteps(MatrixFactory factory, MatrixWorld w)
{
    // A scanned consent form as the declare page accepts it (a readable page).
    private static readonly byte[] SignedForm = ConsentProofs.Page();

    public async Task RunAsync()
    {
        // T0: consent for A and C (D never consents); a consultation link (15 months) that the expiry job will close.
        // A signed-form consent is recorded only with its scan (issue 12).
        await DeskAsync(w.A.Id, "Consent", new() { ["status"] = "Given", ["method"] = "signed" }, ("scan", "consent.pdf", SignedForm));
        await DeskAsync(w.C.Id, "Consent", new() { ["status"] = "Given", ["method"] = "signed" }, ("scan", "consent.pdf", SignedForm));
        await DeclareAsync(w.ExpiredByJob, w.A);
        w.LinkIds["expired-by-job"] = await LinkIdAsync(w.ExpiredByJob);

        // T1 = T0 + 15 months + 1 day: the first link is over; the daily job records it.
        factory.Time.Advance(TimeSpan.FromDays(15 * 31 + 1));
        await RunExpiryJobAsync();
        await DeclareAsync(w.ExpiredByTime, w.A, "emergency");
        await BreakTheGlassAsync(w.EmergencyExpired, w.A.Id);

        // T2 = T1 + 32 days: the one-month link and the 24-hour grant are over; the job does not run again.
        factory.Time.Advance(TimeSpan.FromDays(32));
        foreach (var physician in new[] { w.Linked, w.RevokedByPhysician, w.RevokedByDesk, w.Excluded, w.Deactivated })
        {
            await DeclareAsync(physician, w.A);
        }

        await DeclareAsync(w.Linked, w.C);
        await DeclareRefusedAsync(w.Linked, w.D);

        w.LinkIds["ended-by-physician"] = await LinkIdAsync(w.RevokedByPhysician);
        // Ending a link takes its confirmation page and a reason (issue 12).
        var end = await PageForms.PostAsync(w.Client(factory, w.RevokedByPhysician), $"/links/{w.LinkIds["ended-by-physician"]}/end", new Dictionary<string, string> { ["Reason"] = "care-ended" });
        Assert.Equal("/patients", await PageForms.AssertRedirectAsync(end, "end the link"));

        w.LinkIds["revoked-by-desk"] = await LinkIdAsync(w.RevokedByDesk);
        await DeskAsync(w.A.Id, "Revoke", new() { ["linkId"] = w.LinkIds["revoked-by-desk"].ToString(), ["reason"] = "Demande du patient" });
        await DeskAsync(w.A.Id, "Exclude", new() { ["inami"] = w.Excluded.Inami! });
        await DeskAsync(w.C.Id, "Consent", new() { ["status"] = "Revoked" });
        await BreakTheGlassAsync(w.EmergencyActive, w.A.Id);
        factory.InactiveAccounts[w.Deactivated.UserId] = true;
    }

    private async Task DeskAsync(Guid patient, string handler, Dictionary<string, string> fields, (string Name, string FileName, byte[] Content)? file = null)
    {
        fields["patient"] = patient.ToString();
        fields["reference"] = "REQ-" + handler;
        var client = w.Client(factory, w.Desk);
        var response = await PageForms.PostAsync(client, $"/desk?patient={patient}", fields, file, "/desk?handler=" + handler);
        var next = await PageForms.AssertRedirectAsync(response, "desk " + handler);
        // The desk always redirects back; its notice (TempData, in the client's cookie) says whether something changed.
        var page = await client.GetStringAsync(new Uri(next, UriKind.Relative));
        Assert.Contains("class=\"notice\" role=\"status\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"warning\" role=\"alert\"", page, StringComparison.Ordinal);
    }

    private async Task DeclareAsync(Testing.TestUser physician, PatientFiles patient, string linkType = "consultation")
    {
        var response = await PostDeclarationAsync(physician, patient, linkType);
        Assert.Equal("/patients", await PageForms.AssertRedirectAsync(response, $"declare {linkType} link"));
        Assert.True((await CheckAsync(physician, patient.Id)).Allowed, "the declared link opens the record");
    }

    private async Task DeclareRefusedAsync(Testing.TestUser physician, PatientFiles patient)
    {
        var response = await PostDeclarationAsync(physician, patient, "consultation");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostDeclarationAsync(Testing.TestUser physician, PatientFiles patient, string linkType) =>
        PageForms.PostAsync(
            w.Client(factory, physician),
            "/links/declare",
            new Dictionary<string, string>
            {
                ["Niss"] = patient.Niss,
                ["LastName"] = patient.LastName,
                ["BirthDate"] = patient.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["LinkType"] = linkType,
                ["ProofMode"] = "upload",
            },
            ("ProofFile", "consent.png", SignedForm));

    private async Task BreakTheGlassAsync(Testing.TestUser physician, Guid patient)
    {
        var response = await PageForms.PostAsync(w.Client(factory, physician), $"/patients/{patient}/emergency", new Dictionary<string, string>
        {
            ["Category"] = "unconscious",
            ["Justification"] = "Patient inconscient arrivé aux urgences de nuit.",
        });
        Assert.Equal($"/patients/{patient}", await PageForms.AssertRedirectAsync(response, "break the glass"));
        Assert.Equal("emergency", (await CheckAsync(physician, patient)).Reason);
    }

    private async Task<Guid> LinkIdAsync(Testing.TestUser physician)
    {
        var page = await w.Client(factory, physician).GetStringAsync(new Uri("/patients", UriKind.Relative));
        return Guid.Parse(LinkIdPattern().Match(page).Groups[1].Value);
    }

    // The daily job as Hangfire runs it (resolved from the container); it is internal to Consent, hence reflection.
    private async Task RunExpiryJobAsync()
    {
        var type = typeof(ConsentModule).Assembly.GetType("HapModular.Modules.Consent.Expiry.ExpireLinksJob", throwOnError: true)!;
        await using var scope = factory.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService(type);
        await (Task)type.GetMethod("RunAsync")!.Invoke(job, [CancellationToken.None])!;
    }

    private async Task<AccessDecision> CheckAsync(Testing.TestUser physician, Guid patient)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CheckAccess(physician.UserId, physician.Inami, patient));
    }

    [GeneratedRegex("data-link=\"([0-9a-f-]{36})\"")]
    private static partial Regex LinkIdPattern();
}
