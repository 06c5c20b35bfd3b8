using System.Text.Json;
using HapModular.Modules.Records.Ingestion;
using HapModular.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// The DICOMweb server in the matrix: every route shape (QIDO studies/series/instances, WADO instances, metadata,
/// frames, rendered, thumbnail, bulk data) answers every refusal exactly as it answers an unknown UID, byte for byte and header
/// for header — QIDO with the same empty list; a masked or embargoed instance is absent from every answer, counts
/// included. A synthetic study of patient A holds one visible, one patient-masked and one embargoed CT slice.
/// </summary>
public sealed partial class ConsentMatrixTests
{
    private static readonly SemaphoreSlim ImagingGate = new(1, 1);
    private static readonly Dictionary<MatrixFactory, ImagingStudy> Studies = [];

    public static TheoryData<string> DicomWebRoutes => [.. DicomWebShapes.Select(s => s.Name)];

    private static readonly (string Name, string Template, bool Qido)[] StandardShapes =
    [
        ("QIDO studies by UID", "/dicomweb/studies?StudyInstanceUID={study}", true),
        ("QIDO studies by patient and date range", "/dicomweb/studies?PatientID=HAP-MATRIX&StudyDate=20260101-20261231&ModalitiesInStudy=CT&includefield=StudyDescription", true),
        ("QIDO series of the study", "/dicomweb/studies/{study}/series", true),
        ("QIDO instances of the study", "/dicomweb/studies/{study}/instances", true),
        ("QIDO instances of the series", "/dicomweb/studies/{study}/series/{series}/instances", true),
        ("QIDO all series", "/dicomweb/series?StudyInstanceUID={study}", true),
        ("QIDO all instances", "/dicomweb/instances?StudyInstanceUID={study}", true),
        ("WADO study", "/dicomweb/studies/{study}", false),
        ("WADO study metadata", "/dicomweb/studies/{study}/metadata", false),
        ("study rendered", "/dicomweb/studies/{study}/rendered", false),
        ("study thumbnail", "/dicomweb/studies/{study}/thumbnail", false),
        ("WADO series", "/dicomweb/studies/{study}/series/{series}", false),
        ("WADO series metadata", "/dicomweb/studies/{study}/series/{series}/metadata", false),
        ("series rendered", "/dicomweb/studies/{study}/series/{series}/rendered", false),
        ("series thumbnail", "/dicomweb/studies/{study}/series/{series}/thumbnail", false),
        ("WADO instance", "/dicomweb/studies/{study}/series/{series}/instances/{sop}", false),
        ("WADO instance metadata", "/dicomweb/studies/{study}/series/{series}/instances/{sop}/metadata", false),
        ("instance rendered", "/dicomweb/studies/{study}/series/{series}/instances/{sop}/rendered?window=40,400&viewport=32,32", false),
        ("instance thumbnail", "/dicomweb/studies/{study}/series/{series}/instances/{sop}/thumbnail", false),
        ("frames", "/dicomweb/studies/{study}/series/{series}/instances/{sop}/frames/1", false),
        ("frame rendered", "/dicomweb/studies/{study}/series/{series}/instances/{sop}/frames/1/rendered", false),
        ("frame thumbnail", "/dicomweb/studies/{study}/series/{series}/instances/{sop}/frames/1/thumbnail", false),
        ("bulk data: pixel data", "/dicomweb/studies/{study}/series/{series}/instances/{sop}/bulkdata/7fe00010", false),
    ];

    // Every shape on the standard base and on the workspace's base of one patient (/patients/{patient}/dicomweb).
    private static readonly (string Name, string Template, bool Qido)[] DicomWebShapes =
    [
        .. StandardShapes,
        .. StandardShapes.Select(s => ("patient base: " + s.Name, "/patients/{patient}" + s.Template, s.Qido)),
    ];

    [Theory]
    [MemberData(nameof(DicomWebRoutes))]
    public async Task Every_DICOMweb_refusal_is_answered_like_an_unknown_study(string route)
    {
        var study = await ImagingAsync();
        var shape = DicomWebShapes.Single(s => s.Name == route);
        var unknown = study with { Study = SyntheticDicom.NewUid(), Series = SyntheticDicom.NewUid(), Visible = SyntheticDicom.NewUid() };
        // The reference: the same shape naming a study nobody has (or, for a search naming no study, a physician with no link).
        var reference = shape.Template.Contains("{study}", StringComparison.Ordinal)
            ? await GetAsync(new Situation("linked, unknown UIDs", W.Linked, W.A.Id, W.A), Fill(shape.Template, W.A.Id, unknown, unknown.Visible))
            : await GetAsync(new Situation("no link", W.NoLink, W.A.Id, W.A), Fill(shape.Template, W.A.Id, unknown, unknown.Visible));
        Assert.Equal(shape.Qido ? 200 : 404, reference.Status);
        Assert.Equal(shape.Qido ? "[]" : string.Empty, reference.Body);

        // The URL names no patient: each refusal asks for the refused patient's own study (A's, or C's and D's).
        var refusals = W.Refusals.Where(s => s.Document is null && (s.PatientId == W.A.Id || s.PatientId == W.C.Id || s.PatientId == W.D.Id))
            .Select(s => (s, Study: s.PatientId == W.C.Id ? study.OfC : s.PatientId == W.D.Id ? study.OfD : study, Sop: s.PatientId == W.C.Id ? study.OfC.Visible : s.PatientId == W.D.Id ? study.OfD.Visible : study.Visible))
            .ToList();
        if (!shape.Template.Contains("{study}", StringComparison.Ordinal))
        {
            // A search naming no study: the linked physician rightly finds patient A's study; every other refusal finds nothing.
            refusals.RemoveAll(r => r.s.User == W.Linked);
        }

        if (shape.Template.Contains("{sop}", StringComparison.Ordinal))
        {
            refusals.Add((new Situation("instance masked at the patient's request", W.Linked, W.A.Id, W.A), study, study.Masked));
            refusals.Add((new Situation("instance embargoed", W.Linked, W.A.Id, W.A), study, study.Embargoed));
        }

        if (shape.Template.Contains("{patient}", StringComparison.Ordinal) && shape.Template.Contains("{study}", StringComparison.Ordinal))
        {
            // The workspace's base names a patient the physician may see, the rest of the URL another patient's study.
            refusals.Add((new Situation("another patient's study under a linked patient's base", W.Linked, W.A.Id, W.A), study.OfC, study.OfC.Visible));
        }

        Assert.True(refusals.Count >= 8);
        foreach (var (situation, target, sop) in refusals)
        {
            var answer = await GetAsync(situation, Fill(shape.Template, situation.PatientId, target, sop));
            Assert.True(answer.Status == reference.Status, $"{situation}: {answer.Status}");
            Assert.True(answer.Body == reference.Body, $"{situation}: {answer.Body}");
            Assert.True(answer.Headers == reference.Headers, $"{situation}: headers differ:\n{answer.Headers}\n---\n{reference.Headers}");
        }
    }

    [Theory]
    [MemberData(nameof(DicomWebRoutes))]
    public async Task The_linked_physician_gets_the_visible_slice_and_nothing_of_the_masked_or_embargoed_ones(string route)
    {
        var study = await ImagingAsync();
        var shape = DicomWebShapes.Single(s => s.Name == route);
        foreach (var user in new[] { W.Linked, W.EmergencyActive })
        {
            var answer = await GetAsync(new Situation("linked", user, W.A.Id, W.A), Fill(shape.Template, W.A.Id, study, study.Visible));
            Assert.True(answer.Status == 200, $"{route}: {answer.Status}");
            Assert.Contains("no-store", answer.CacheControl ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain(study.Masked, answer.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(study.Embargoed, answer.Body, StringComparison.Ordinal);
            if (shape.Qido)
            {
                var results = JsonDocument.Parse(answer.Body).RootElement;
                Assert.Equal(1, results.GetArrayLength());
                foreach (var count in new[] { "00201208", "00201209" })
                {
                    if (results[0].TryGetProperty(count, out var c))
                    {
                        Assert.Equal(1, c.GetProperty("Value")[0].GetInt32());
                    }
                }
            }
        }
    }

    [Fact]
    public async Task The_linked_physician_retrieves_the_study_byte_for_byte_as_ingested()
    {
        var study = await ImagingAsync();
        using var response = await W.Client(factory, W.Linked).GetAsync(new Uri($"/dicomweb/studies/{study.Study}", UriKind.Relative));
        Assert.StartsWith("multipart/related", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var parts = await Multipart.ReadAsync(response);
        Assert.Single(parts);
        Assert.Equal(study.VisibleBytes, parts[0].Body);
        Assert.Equal("application/dicom", parts[0].ContentType.Split(';')[0]);
    }

    [Fact]
    public void The_DICOMweb_matrix_covers_every_DICOMweb_route()
    {
        var routes = factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(r => r.RoutePattern.RawText?.Trim('/') ?? string.Empty)
            .Where(r => r.StartsWith("dicomweb", StringComparison.Ordinal) || r.Contains("/dicomweb", StringComparison.Ordinal))
            .ToHashSet();
        var covered = DicomWebShapes.Select(s => s.Template.Split('?')[0].Trim('/')
            .Replace("{sop}", "{instance}", StringComparison.Ordinal).Replace("frames/1", "frames/{frames}", StringComparison.Ordinal)
            .Replace("bulkdata/7fe00010", "bulkdata/{**path}", StringComparison.Ordinal)
            .Replace("{patient}", "{patientId:guid}", StringComparison.Ordinal)).ToHashSet();
        covered.UnionWith(["dicomweb/studies", "dicomweb/series", "dicomweb/instances", "patients/{patientId:guid}/dicomweb/studies", "patients/{patientId:guid}/dicomweb/series", "patients/{patientId:guid}/dicomweb/instances"]);
        Assert.Contains("patients/{patientId:guid}/dicomweb/studies/{study}/series", routes);
        Assert.Empty(routes.Except(covered));
    }

    private static string Fill(string template, Guid patient, ImagingStudy s, string sop) => template
        .Replace("{patient}", patient.ToString(), StringComparison.Ordinal)
        .Replace("{study}", s.Study, StringComparison.Ordinal)
        .Replace("{series}", s.Series, StringComparison.Ordinal)
        .Replace("{sop}", sop, StringComparison.Ordinal);

    private async Task<ImagingStudy> ImagingAsync()
    {
        await ImagingGate.WaitAsync();
        try
        {
            if (Studies.TryGetValue(factory, out var known))
            {
                return known;
            }

            var template = new SyntheticDicom.Slice(SyntheticDicom.NewUid(), SyntheticDicom.NewUid(), string.Empty, 1, PatientId: "HAP-MATRIX", Size: 32);
            var slices = SyntheticDicom.Series(3, template);
            var bytes = slices.Select(SyntheticDicom.Write).ToList();
            await IngestBytesAsync(W.A.Id, bytes[0], "dicomweb-visible", null, null);
            await IngestBytesAsync(W.A.Id, bytes[1], "dicomweb-masked", "patient", null);
            await IngestBytesAsync(W.A.Id, bytes[2], "dicomweb-embargoed", null, "genetics");
            var study = new ImagingStudy(template.StudyUid, template.SeriesUid, slices[0].SopUid, slices[1].SopUid, slices[2].SopUid, bytes[0])
            {
                OfC = await SingleSliceAsync(W.C.Id),
                OfD = await SingleSliceAsync(W.D.Id),
            };
            Studies[factory] = study;
            return study;
        }
        finally
        {
            ImagingGate.Release();
        }
    }

    private async Task<ImagingStudy> SingleSliceAsync(Guid patient)
    {
        var slice = new SyntheticDicom.Slice(SyntheticDicom.NewUid(), SyntheticDicom.NewUid(), SyntheticDicom.NewUid(), 1, PatientId: "HAP-MATRIX", Size: 32);
        var bytes = SyntheticDicom.Write(slice);
        await IngestBytesAsync(patient, bytes, "dicomweb-single", null, null);
        return new ImagingStudy(slice.StudyUid, slice.SeriesUid, slice.SopUid, string.Empty, string.Empty, bytes);
    }

    /// <summary>A synthetic series of <paramref name="count"/> small slices ingested for patient A, visible to the linked physician.</summary>
    private async Task<(SyntheticDicom.Slice Template, IReadOnlyList<SyntheticDicom.Slice> Slices, List<byte[]> Files)> IngestSeriesOfAAsync(int count, string tag)
    {
        var template = new SyntheticDicom.Slice(SyntheticDicom.NewUid(), SyntheticDicom.NewUid(), string.Empty, 1, PatientId: "HAP-" + tag.ToUpperInvariant(), Size: 32);
        var slices = SyntheticDicom.Series(count, template);
        var files = slices.Select(SyntheticDicom.Write).ToList();
        for (var i = 0; i < slices.Count; i++)
        {
            await IngestBytesAsync(W.A.Id, files[i], $"{tag}-{template.StudyUid}-{i}", null, null);
        }

        return (template, slices, files);
    }

    private async Task IngestBytesAsync(Guid patient, byte[] bytes, string sourceId, string? masked, string? embargo)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>().IngestAsync(
            "matrix",
            new IngestMetadata { SourceId = $"{patient:N}-{sourceId}", PatientId = patient, FileName = sourceId + ".dcm", MaskedBy = masked, EmbargoCategory = embargo, Department = "Radiologie" },
            bytes,
            default);
        Assert.True(outcome.DocumentId is not null, outcome.Reason);
    }

    private sealed record ImagingStudy(string Study, string Series, string Visible, string Masked, string Embargoed, byte[] VisibleBytes)
    {
        public ImagingStudy OfC { get; init; } = null!;

        public ImagingStudy OfD { get; init; } = null!;
    }
}
