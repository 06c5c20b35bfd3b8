using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Demo;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Records.Tests;

public sealed partial class TimelineTests
{
    /// <summary>
    /// An image the hospital sent again in other encodings (the corpus MR: one SOP Instance UID in seven transfer
    /// syntaxes) is one image, as the imaging workspace shows it; each stored object stays listed under the line.
    /// The timeline said "6 image(s)" where the workspace opened one.
    /// </summary>
    [Fact]
    public async Task An_image_sent_again_counts_once_and_every_stored_object_stays_listed()
    {
        var (patient, physician) = await LinkedPatientAsync(new DateOnly(1961, 8, 9), 813, "Paul", "Resent", "M");
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            // Three objects of one image (sop-1) and two other images: 3 images, 5 stored objects.
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO records.documents (id, patient_id, title, kind, clinical_date, department, media_type, size, sha256, source_system, source_id,
                    study_uid, series_uid, instance_uid, modality, ingested_at)
                SELECT gen_random_uuid(), @p, 'IRM ' || g, 'imaging', @now + g * interval '1 second', 'Radiologie', 'application/dicom', 1,
                       repeat(g::text, 64), 'timeline-resent', 'resent' || g, 'st-resent', 'resent-series', CASE WHEN g <= 3 THEN 'sop-1' ELSE 'sop-' || g END, 'MR', @now
                FROM generate_series(1, 5) g
                """,
                connection);
            insert.Parameters.AddWithValue("p", patient);
            insert.Parameters.AddWithValue("now", factory.Time.GetUtcNow().AddDays(-2));
            await insert.ExecuteNonQueryAsync();
        }

        var html = await factory.CreateClient().As(physician).GetStringAsync($"/patients/{patient}");
        Assert.Contains("3 image(s)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("5 image(s)", html, StringComparison.Ordinal);
        Assert.Contains("5 objet(s) dans cette série", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// The document page's strip of the study's series counts images the same way: the series sent three times over
    /// says "3 image(s)" beside the other series' "1 image(s)", not the 5 stored objects.
    /// </summary>
    [Fact]
    public async Task The_series_strip_of_a_document_counts_an_image_sent_again_once()
    {
        var (patient, physician) = await LinkedPatientAsync(new DateOnly(1962, 3, 4), 815, "Anne", "Strip", "F");
        var other = Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            // Series "resent": five objects of three images (sop-1 three times); series "other": one image.
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO records.documents (id, patient_id, title, kind, clinical_date, department, media_type, size, sha256, source_system, source_id,
                    study_uid, series_uid, instance_uid, modality, series_description, ingested_at)
                SELECT CASE WHEN g = 6 THEN @other ELSE gen_random_uuid() END, @p, 'IRM ' || g, 'imaging', @now + g * interval '1 second', 'Radiologie',
                       'application/dicom', 1, repeat(g::text, 64), 'strip-resent', 'strip' || g, 'st-strip',
                       CASE WHEN g = 6 THEN 'strip-other' ELSE 'strip-resent' END, CASE WHEN g <= 3 THEN 'sop-1' ELSE 'sop-' || g END, 'MR',
                       CASE WHEN g = 6 THEN 'Axial T2' ELSE 'Sagittal T1' END, @now
                FROM generate_series(1, 6) g
                """,
                connection);
            insert.Parameters.AddWithValue("p", patient);
            insert.Parameters.AddWithValue("other", other);
            insert.Parameters.AddWithValue("now", factory.Time.GetUtcNow().AddDays(-2));
            await insert.ExecuteNonQueryAsync();
        }

        var html = await factory.CreateClient().As(physician).GetStringAsync($"/patients/{patient}/documents/{other}");
        var strip = html[html.IndexOf("id=\"study-series\"", StringComparison.Ordinal)..];
        strip = strip[..strip.IndexOf("</nav>", StringComparison.Ordinal)];
        Assert.Contains("Sagittal T1", strip, StringComparison.Ordinal);
        Assert.Contains("3 image(s)", strip, StringComparison.Ordinal);
        Assert.Contains("1 image(s)", strip, StringComparison.Ordinal);
        Assert.DoesNotContain("5 image(s)", strip, StringComparison.Ordinal);
    }

    /// <summary>A new patient and a physician with a link to him.</summary>
    private async Task<(Guid Patient, TestUser Physician)> LinkedPatientAsync(DateOnly born, int sequence, string given, string family, string sex)
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var patient = await mediator.Send(new RegisterPatient(DemoNiss.For(born, sequence), given, family, born, sex, "fr", ["C"], null, false));
        var physician = GuardWorld.Physician();
        factory.Decisions[(physician.UserId, patient)] = GuardFactory.Link(factory.Time.GetUtcNow().AddMonths(6));
        return (patient, physician);
    }
}
