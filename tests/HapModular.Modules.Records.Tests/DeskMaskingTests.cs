using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Autofac;
using HapModular.Modules.Notifications.Contracts;
using HapModular.Testing;
using MediatR;
using Npgsql;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// R6 through the hospital: desk staff mask a document at the patient's request (reference required, audited);
/// the patient's own access report (and the desk's) never shows the title of a document its author masked.
/// </summary>
public sealed class DeskMaskingTests(DeskMaskingTests.Factory factory) : IClassFixture<DeskMaskingTests.Factory>
{
    /// <summary>The guard's host plus letter codes the test hands out (Notifications issues them in real life).</summary>
    public sealed class Factory : GuardFactory
    {
        public ConcurrentDictionary<string, Guid> Codes { get; } = new();

        protected override void ConfigureTestContainer(ContainerBuilder builder)
        {
            base.ConfigureTestContainer(builder);
            builder.RegisterInstance(new ScriptedCodes(Codes)).As<IRequestHandler<VerifyPatientAccessCode, Guid?>>();
        }

        private sealed class ScriptedCodes(ConcurrentDictionary<string, Guid> codes) : IRequestHandler<VerifyPatientAccessCode, Guid?>
        {
            public Task<Guid?> Handle(VerifyPatientAccessCode request, CancellationToken cancellationToken) =>
                Task.FromResult(codes.TryGetValue(request.Code, out var patient) ? patient : (Guid?)null);
        }
    }

    [Fact]
    public async Task Desk_staff_mask_at_the_patients_request_with_its_reference_and_unmask_it_again()
    {
        var w = await MaskingWorld.CreateAsync(factory, 21, new DateOnly(1973, 6, 17));
        var desk = factory.CreateClient().As(w.Desk);
        var other = factory.CreateClient().As(w.Other);
        var list = await desk.GetStringAsync(w.DeskPage);
        Assert.Contains("Lettre de sortie confidentielle", list, StringComparison.Ordinal);
        Assert.Contains("jpeg_baseline_hopper", list, StringComparison.Ordinal);
        // The category's embargo end, computed at ingestion (30 days for genetics here), is shown to staff.
        var until = factory.Time.GetUtcNow().AddDays(30).ToString("d", CultureInfo.GetCultureInfo("fr"));
        Assert.Contains("genetics jusqu&#x27;au " + until, list, StringComparison.Ordinal);
        // Titles, dates and kinds only: no link to any content.
        Assert.DoesNotContain("/download", MaskingWorld.MainContent(list), StringComparison.Ordinal);
        Assert.DoesNotContain("/render/", MaskingWorld.MainContent(list), StringComparison.Ordinal);

        var noReference = await MaskingWorld.PostFormAsync(desk, w.DeskPage, w.DeskPage, Fields(w.Photo, true, " "));
        Assert.Contains("La référence de la demande du patient est obligatoire.", await noReference.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AuthorMaskingTests.AssertOtherSeesPhotoAsync(other, w, visible: true);

        var masked = await MaskingWorld.PostFormAsync(desk, w.DeskPage, w.DeskPage, Fields(w.Photo, true, "REQ-2026-042"));
        var maskedHtml = await masked.Content.ReadAsStringAsync();
        Assert.Contains("Modification enregistrée.", maskedHtml, StringComparison.Ordinal);
        Assert.Contains("Masqué à la demande du patient", maskedHtml, StringComparison.Ordinal);
        Assert.Contains("REQ-2026-042", maskedHtml, StringComparison.Ordinal);
        await AuthorMaskingTests.AssertOtherSeesPhotoAsync(other, w, visible: false);
        // The patient's mask binds the author too (only the hospital keeps access).
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().As(w.Author).GetAsync(w.Page(w.Photo))).StatusCode);

        await MaskingWorld.PostFormAsync(desk, w.DeskPage, w.DeskPage, Fields(w.Photo, false, "REQ-2026-043"));
        await AuthorMaskingTests.AssertOtherSeesPhotoAsync(other, w, visible: true);

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT action, outcome, reason, document_id FROM audit.records WHERE actor_user_id = @u AND action IN ('mask', 'unmask') ORDER BY seq", connection);
        command.Parameters.AddWithValue("u", w.Desk.UserId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)}:{reader.GetString(1)}:{reader.GetString(2)}:{reader.GetGuid(3) == w.Photo}");
        }

        // The refused attempt without a reference changed nothing and reached no handler.
        Assert.Equal(["mask:Allowed:patient-request:True", "unmask:Allowed:patient-request:True"], rows);
    }

    [Fact]
    public async Task Physicians_never_reach_the_desk_list_and_staff_never_see_an_author_masked_title()
    {
        var w = await MaskingWorld.CreateAsync(factory, 23, new DateOnly(1974, 7, 18));
        Assert.NotEqual(HttpStatusCode.OK, (await factory.CreateClient().As(w.Other).GetAsync(w.DeskPage)).StatusCode);
        var author = factory.CreateClient().As(w.Author);
        await MaskingWorld.PostFormAsync(author, w.Page(w.Report), w.Page(w.Report) + "?handler=Mask", new Dictionary<string, string> { ["mask"] = "true" });

        var list = await factory.CreateClient().As(w.Desk).GetStringAsync(w.DeskPage);
        Assert.DoesNotContain("Lettre de sortie confidentielle", list, StringComparison.Ordinal);
        Assert.Contains("Document masqué par le médecin", list, StringComparison.Ordinal);
        Assert.Contains("Masqué par le médecin", list, StringComparison.Ordinal);
        // Staff cannot lift the author's mask either.
        var attempt = await MaskingWorld.PostFormAsync(factory.CreateClient().As(w.Desk), w.DeskPage, w.DeskPage, Fields(w.Report, false, "REQ-9"));
        Assert.Contains("Rien n&#x27;a changé", await attempt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().As(w.Other).GetAsync(w.Page(w.Report))).StatusCode);
    }

    [Fact]
    public async Task The_patients_own_report_and_the_desk_report_hide_the_title_of_a_document_its_author_masked()
    {
        var w = await MaskingWorld.CreateAsync(factory, 25, new DateOnly(1975, 8, 19));
        var other = factory.CreateClient().As(w.Other);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(w.Page(w.Report))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(w.Page(w.OthersLab))).StatusCode);
        var author = factory.CreateClient().As(w.Author);
        await MaskingWorld.PostFormAsync(author, w.Page(w.Report), w.Page(w.Report) + "?handler=Mask", new Dictionary<string, string> { ["mask"] = "true" });
        var code = "CODE-" + w.Patient.ToString("N")[..8];
        factory.Codes[code] = w.Patient;

        var anonymous = factory.CreateClient();
        var own = await MaskingWorld.PostFormAsync(anonymous, "/patient-report", "/patient-report", new Dictionary<string, string> { ["Code"] = code, ["BirthDate"] = "1975-08-19" });
        var ownHtml = await own.Content.ReadAsStringAsync();
        var deskHtml = await factory.CreateClient().As(w.Desk).GetStringAsync($"/desk/access-report/{w.Patient}");

        foreach (var html in new[] { ownHtml, deskHtml })
        {
            Assert.Contains("Dr Autre", html, StringComparison.Ordinal);
            Assert.Contains("Radiologie du genou", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Lettre de sortie confidentielle", html, StringComparison.Ordinal);
            Assert.Contains("Document masqué par le médecin", html, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> Fields(Guid document, bool mask, string reference) => new()
    {
        ["documentId"] = document.ToString(),
        ["mask"] = mask ? "true" : "false",
        ["reference"] = reference,
    };
}
