using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Demo;
using HapModular.Modules.Records.DicomWeb;
using HapModular.Modules.Records.Ingestion;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// A DICOMweb search across every patient a physician may see asks the guard only for the patients holding any DICOM
/// study: a general practitioner's study list waited for hundreds of guarded searches of patients without imaging (and
/// wrote an imaging line in each one's access report). The look-up decides nothing: a patient whose only instance is
/// masked is still asked about, and the guard and the visible-row read answer for him.
/// </summary>
public sealed partial class ConsentMatrixTests
{
    [Fact]
    public async Task A_search_across_patients_asks_only_for_those_holding_dicom_studies()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var mediator = services.GetRequiredService<IMediator>();
        var ingestor = services.GetRequiredService<DocumentIngestor>();
        var birth = new DateOnly(1971, 3, 14);
        var withImaging = await mediator.Send(new RegisterPatient(DemoNiss.For(birth, 21), "Imagerie", "Candidate", birth, "F", "fr", ["Rue 1", "7000 Mons"], null, false));
        var maskedOnly = await mediator.Send(new RegisterPatient(DemoNiss.For(birth, 23), "Masquee", "Candidate", birth, "M", "fr", ["Rue 1", "7000 Mons"], null, false));
        var reportsOnly = await mediator.Send(new RegisterPatient(DemoNiss.For(birth, 25), "Rapports", "Candidate", birth, "F", "fr", ["Rue 1", "7000 Mons"], null, false));
        var slice = new SyntheticDicom.Slice(SyntheticDicom.NewUid(), SyntheticDicom.NewUid(), SyntheticDicom.NewUid(), 1, PatientId: "HAP-CANDIDATE", Size: 16);
        foreach (var (patient, masked) in new[] { (withImaging, (string?)null), (maskedOnly, "patient") })
        {
            var outcome = await ingestor.IngestAsync("matrix", new IngestMetadata { SourceId = $"{patient:N}-candidate", PatientId = patient, FileName = "candidate.dcm", MaskedBy = masked, Department = "Radiologie" }, SyntheticDicom.Write(slice), default);
            Assert.True(outcome.DocumentId is not null, outcome.Reason);
        }

        var pdf = Directory.EnumerateFiles(Corpus.File("documents/pdf"), "*.pdf").Order(StringComparer.Ordinal).First();
        var report = await ingestor.IngestAsync("matrix", new IngestMetadata { SourceId = $"{reportsOnly:N}-report", PatientId = reportsOnly, FileName = Path.GetFileName(pdf), Department = "Cardiologie" }, await File.ReadAllBytesAsync(pdf), default);
        Assert.True(report.DocumentId is not null, report.Reason);

        var candidates = await services.GetRequiredService<UidResolver>().PatientsWithImagingAsync([reportsOnly, withImaging, Guid.NewGuid(), maskedOnly], default);

        Assert.Equal(new[] { withImaging, maskedOnly }.Order(), candidates.Order());
    }
}
