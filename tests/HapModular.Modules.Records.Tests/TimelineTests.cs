using System.Net;
using System.Text.RegularExpressions;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Demo;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// What the physician sees on the timeline of a large record: 70 reports over 70 days, a CT series of 130 images (one
/// masked) and an MR series of 5 in one study — the series are one line each wherever their images fall, paging
/// visits every line once, filters combine, and the masked image leaves no trace in the counts.
/// </summary>
public sealed partial class TimelineTests(GuardFactory factory) : IClassFixture<GuardFactory>
{
    private static readonly SemaphoreSlim Setup = new(1, 1);
    private static (Guid Patient, TestUser Physician)? world;

    [Fact]
    public async Task Paging_lists_every_report_once_and_each_series_as_one_line_with_its_image_count()
    {
        var (patient, physician) = await WorldAsync();
        var client = factory.CreateClient().As(physician);
        var lines = new List<string>();
        var pages = 0;
        string? url = $"/patients/{patient}";
        var html = string.Empty;
        while (url is not null)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            html = await response.Content.ReadAsStringAsync();
            pages++;
            lines.AddRange(DocumentLink().Matches(html).Select(m => m.Groups[1].Value));
            if (pages == 1)
            {
                Assert.Contains("129 image(s)", html, StringComparison.Ordinal);
                Assert.Contains("5 image(s)", html, StringComparison.Ordinal);
            }

            var next = NextLink().Match(html);
            url = next.Success ? WebUtility.HtmlDecode(next.Groups[1].Value) : null;
        }

        Assert.Equal(2, pages);
        Assert.Equal(72, lines.Count);
        Assert.Equal(72, lines.Distinct().Count());
    }

    [Fact]
    public async Task Filters_combine_and_counts_leave_out_the_masked_image()
    {
        var (patient, physician) = await WorldAsync();
        var client = factory.CreateClient().As(physician);
        var html = await client.GetStringAsync($"/patients/{patient}?department=Urgences");
        Assert.Contains("Tous les types (204)", html, StringComparison.Ordinal);
        Assert.Equal(35, DocumentLink().Matches(html).Count);
        Assert.DoesNotContain("image(s)", html, StringComparison.Ordinal);
        var reportKind = Regex.Match(html, "href=\"([^\"]*kind=report[^\"]*)\"").Groups[1].Value;
        Assert.Contains("department=Urgences", WebUtility.HtmlDecode(reportKind), StringComparison.Ordinal);
        // The filtered department is the selected option, and only it (the attribute as Razor writes a true boolean).
        Assert.Contains("<option value=\"Urgences\" selected=\"selected\">Urgences</option>", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "selected=\""));

        var imaging = await client.GetStringAsync($"/patients/{patient}?kind=imaging&q=thorax");
        Assert.Single(DocumentLink().Matches(imaging));
        Assert.Contains("129 image(s)", imaging, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_read_from_the_query_as_model_binding_read_them()
    {
        var (patient, physician) = await WorldAsync();
        var client = factory.CreateClient().As(physician);

        // The first of repeated values; blank values and an unreadable date are no filter; a date is kept in the form.
        var html = await client.GetStringAsync($"/patients/{patient}?department=Urgences&department=Cardiologie&kind=%20&q=&to=not-a-date&from=2000-01-01");
        Assert.Equal(35, DocumentLink().Matches(html).Count);
        Assert.Contains("value=\"2000-01-01\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"to\" type=\"date\" value=", html, StringComparison.Ordinal);
        Assert.Contains("Tous les types (204)", html, StringComparison.Ordinal);
        var reportKind = WebUtility.HtmlDecode(Regex.Match(html, "href=\"([^\"]*kind=report[^\"]*)\"").Groups[1].Value);
        Assert.Equal($"/patients/{patient}?kind=report&department=Urgences&from=2000-01-01", reportKind);

        // No filter: each kind link is the path and its kind.
        var plain = await client.GetStringAsync($"/patients/{patient}");
        Assert.Contains($"href=\"/patients/{patient}?kind=report\"", plain, StringComparison.Ordinal);
        Assert.Contains($"href=\"/patients/{patient}\" class=\"current\"", plain, StringComparison.Ordinal);
    }

    private async Task<(Guid Patient, TestUser Physician)> WorldAsync()
    {
        await Setup.WaitAsync();
        try
        {
            if (world is { } ready)
            {
                return ready;
            }

            _ = factory.Server;
            await using var scope = factory.Services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var patient = await mediator.Send(new RegisterPatient(DemoNiss.For(new DateOnly(1955, 3, 4), 811), "Claire", "Collin", new DateOnly(1955, 3, 4), "F", "fr", ["C"], null, false));
            var physician = GuardWorld.Physician();
            factory.Decisions[(physician.UserId, patient)] = GuardFactory.Link(factory.Time.GetUtcNow().AddMonths(6));
            await using var connection = new NpgsqlConnection(factory.ConnectionString);
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO records.documents (id, patient_id, title, kind, clinical_date, department, media_type, size, sha256, source_system, source_id,
                    study_uid, series_uid, modality, masked_by, ingested_at)
                SELECT gen_random_uuid(), @p, 'Rapport ' || g, 'report', @now - g * interval '1 day', CASE WHEN g % 2 = 0 THEN 'Cardiologie' ELSE 'Urgences' END,
                       'application/pdf', 1, repeat('a', 64), 'timeline-test', 'r' || g, NULL, NULL, NULL, NULL, @now FROM generate_series(1, 70) g
                UNION ALL
                SELECT gen_random_uuid(), @p, 'CT thorax', 'imaging', @now - interval '10 days' + g * interval '1 second', 'Radiologie',
                       'application/dicom', 1, repeat('b', 64), 'timeline-test', 'ct' || g, 'st1', 'ct-series', 'CT', CASE WHEN g = 7 THEN 'patient' END, @now
                FROM generate_series(1, 130) g
                UNION ALL
                SELECT gen_random_uuid(), @p, 'IRM', 'imaging', @now - interval '10 days' + g * interval '1 second', 'Radiologie',
                       'application/dicom', 1, repeat('c', 64), 'timeline-test', 'mr' || g, 'st1', 'mr-series', 'MR', NULL, @now
                FROM generate_series(1, 5) g
                """,
                connection);
            insert.Parameters.AddWithValue("p", patient);
            insert.Parameters.AddWithValue("now", factory.Time.GetUtcNow().AddHours(-1));
            await insert.ExecuteNonQueryAsync();
            world = (patient, physician);
            return world.Value;
        }
        finally
        {
            Setup.Release();
        }
    }

    // A document's page, or (image series) its study in the imaging workspace.
    [GeneratedRegex("<a href=\"(/patients/[0-9a-f-]+/(?:documents/[0-9a-f-]+|imaging\\?study=[^\"]+))\" class=\"doc-link")]
    private static partial Regex DocumentLink();

    [GeneratedRegex("rel=\"next\" href=\"([^\"]+)\"")]
    private static partial Regex NextLink();
}
