using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Demo;
using HapModular.Modules.Records.Ingestion;
using HapModular.SharedKernel;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests;

/// <summary>Two patients, their documents (visible, masked, embargoed) and physicians in every access situation.</summary>
internal sealed class GuardWorld
{
    public Guid PatientA { get; private set; }
    public Guid PatientB { get; private set; }
    public Guid Report { get; private set; }
    public Guid Photo { get; private set; }
    public Guid Masked { get; private set; }
    public Guid Embargoed { get; private set; }
    public Guid OtherPatientsDocument { get; private set; }

    public TestUser Linked { get; } = Physician();
    public TestUser NoLink { get; } = Physician();
    public TestUser Expired { get; } = Physician();
    public TestUser Revoked { get; } = Physician();
    public TestUser ConsentWithdrawn { get; } = Physician();
    public TestUser Excluded { get; } = Physician();

    public static TestUser Physician() => new(Guid.NewGuid(), [Roles.Physician], "18334780004", "Dr Test");

    public static async Task<GuardWorld> CreateAsync(GuardFactory factory, string tag)
    {
        _ = factory.Server;
        var w = new GuardWorld();
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var seq = Math.Abs(tag.GetHashCode(StringComparison.Ordinal) % 400) * 2 + 1;
        w.PatientA = await mediator.Send(new RegisterPatient(DemoNiss.For(new DateOnly(1961, 1, 2), seq), "Alice", "Artois", new DateOnly(1961, 1, 2), "F", "fr", ["A"], null, false));
        w.PatientB = await mediator.Send(new RegisterPatient(DemoNiss.For(new DateOnly(1962, 2, 3), seq), "Bruno", "Bastin", new DateOnly(1962, 2, 3), "M", "fr", ["B"], null, false));
        var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
        async Task<Guid> Ingest(Guid patient, string file, string id, string? masked = null, string? embargo = null)
        {
            var outcome = await ingestor.IngestAsync("guard-" + tag, new IngestMetadata { SourceId = id, PatientId = patient, FileName = Path.GetFileName(file), MaskedBy = masked, EmbargoCategory = embargo, Department = "Cardiologie" }, await File.ReadAllBytesAsync(Corpus.File(file)), default);
            return outcome.DocumentId ?? throw new InvalidOperationException(id + ": " + outcome.Reason);
        }

        w.Report = await Ingest(w.PatientA, "documents/pdf/discharge_summary_sample.pdf", "report");
        w.Photo = await Ingest(w.PatientA, "photos/jpeg_baseline_hopper.jpg", "photo");
        w.Masked = await Ingest(w.PatientA, "documents/hl7v2/oru_r01_radiology_text_report.hl7", "masked", masked: "patient");
        w.Embargoed = await Ingest(w.PatientA, "documents/cda/ccda_ccd.xml", "embargoed", embargo: "genetics");
        w.OtherPatientsDocument = await Ingest(w.PatientB, "photos/png_rgb_hopper.png", "other");

        var until = factory.Time.GetUtcNow().AddMonths(6);
        factory.Decisions[(w.Linked.UserId, w.PatientA)] = GuardFactory.Link(until);
        factory.Decisions[(w.Expired.UserId, w.PatientA)] = GuardFactory.Deny("no-link");
        factory.Decisions[(w.Revoked.UserId, w.PatientA)] = GuardFactory.Deny("no-link");
        factory.Decisions[(w.ConsentWithdrawn.UserId, w.PatientA)] = GuardFactory.Deny("no-consent");
        factory.Decisions[(w.Excluded.UserId, w.PatientA)] = GuardFactory.Deny("excluded");
        return w;
    }
}
