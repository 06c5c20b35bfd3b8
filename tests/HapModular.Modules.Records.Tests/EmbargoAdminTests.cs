using System.Net;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Ingestion;
using HapModular.SharedKernel;
using HapModular.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Records.Tests;

/// <summary>R6: an administrator sets a category's embargo days; existing and new documents follow at once.</summary>
public sealed class EmbargoAdminTests(GuardFactory factory) : IClassFixture<GuardFactory>
{
    private static readonly TestUser Admin = new(Guid.NewGuid(), [Roles.Admin], null, "Admin Hôpital");

    [Fact]
    public async Task Lifting_and_restoring_a_category_embargo_applies_to_its_documents_immediately_and_is_audited()
    {
        var w = await MaskingWorld.CreateAsync(factory, 31, new DateOnly(1977, 10, 21));
        var admin = factory.CreateClient().As(Admin);
        var other = factory.CreateClient().As(w.Other);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(w.Page(w.Embargoed))).StatusCode);
        var list = await admin.GetStringAsync("/admin/embargo");
        Assert.Contains("data-category=\"genetics\"", list, StringComparison.Ordinal);

        var lifted = await MaskingWorld.PostFormAsync(admin, "/admin/embargo", "/admin/embargo", new Dictionary<string, string> { ["category"] = "genetics", ["days"] = "0" });
        // Another test's patient may hold a genetics document too: at least this one.
        Assert.Matches("Embargo « genetics » : 0 jour\\(s\\), appliqué à [1-9][0-9]* document", await lifted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(w.Page(w.Embargoed))).StatusCode);
        Assert.Contains(w.Embargoed.ToString(), await other.GetStringAsync($"/patients/{w.Patient}"), StringComparison.Ordinal);

        await MaskingWorld.PostFormAsync(admin, "/admin/embargo", "/admin/embargo", new Dictionary<string, string> { ["category"] = "genetics", ["days"] = "30" });
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(w.Page(w.Embargoed))).StatusCode);

        var invalid = await MaskingWorld.PostFormAsync(admin, "/admin/embargo", "/admin/embargo", new Dictionary<string, string> { ["category"] = "genetics", ["days"] = "-1" });
        Assert.Contains("nombre de jours (0 à 3650) requis", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT reason FROM audit.records WHERE actor_user_id = @u AND action = 'embargo-change' ORDER BY seq", connection);
        command.Parameters.AddWithValue("u", Admin.UserId);
        await using var reader = await command.ExecuteReaderAsync();
        var reasons = new List<string>();
        while (await reader.ReadAsync())
        {
            reasons.Add(reader.GetString(0));
        }

        Assert.Equal(["genetics=0", "genetics=30"], reasons);
    }

    [Fact]
    public async Task A_new_category_set_by_the_admin_governs_later_ingestion_and_only_admins_reach_the_page()
    {
        var w = await MaskingWorld.CreateAsync(factory, 33, new DateOnly(1978, 11, 22));
        Assert.NotEqual(HttpStatusCode.OK, (await factory.CreateClient().As(w.Desk).GetAsync("/admin/embargo")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await factory.CreateClient().As(w.Other).GetAsync("/admin/embargo")).StatusCode);
        await MaskingWorld.PostFormAsync(factory.CreateClient().As(Admin), "/admin/embargo", "/admin/embargo", new Dictionary<string, string> { ["category"] = "pathology", ["days"] = "10" });

        await using var scope = factory.Services.CreateAsyncScope();
        var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
        var outcome = await ingestor.IngestAsync("embargo-admin", new IngestMetadata { SourceId = "path-1", PatientId = w.Patient, FileName = "p.pdf", EmbargoCategory = "pathology" }, await File.ReadAllBytesAsync(Corpus.File("documents/pdf/discharge_summary_sample.pdf")), default);
        var stored = await scope.ServiceProvider.GetRequiredService<DocumentRepository>().FindAsync(outcome.DocumentId!.Value, default);

        Assert.Equal(factory.Time.GetUtcNow().AddDays(10), stored!.EmbargoUntil);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().As(w.Other).GetAsync(w.Page(stored.Id))).StatusCode);
    }
}
