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
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var patient = await mediator.Send(new RegisterPatient(DemoNiss.For(new DateOnly(1961, 8, 9), 813), "Paul", "Resent", new DateOnly(1961, 8, 9), "M", "fr", ["C"], null, false));
        var physician = GuardWorld.Physician();
        factory.Decisions[(physician.UserId, patient)] = GuardFactory.Link(factory.Time.GetUtcNow().AddMonths(6));
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
}
