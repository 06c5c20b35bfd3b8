using System.Globalization;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Demo;
using HapModular.Modules.Records.Ingestion;
using HapModular.SharedKernel;
using HapModular.Testing;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// Patients, documents and physicians put in every refusal situation by Consent's real pages (declare, end, desk
/// revoke / consent / exclusion, break the glass) and the real expiry job, with the host's clock moved between steps.
/// Built once per host (<see cref="MatrixFactory"/>); <see cref="ConsentSteps"/> holds the page calls.
/// </summary>
internal sealed class MatrixWorld
{
    /// <summary>Every physician carries the same display name: the layout shows it, and denials are compared byte for byte.</summary>
    public const string PhysicianName = "Dr Test";

    private static int inamiSequence = 40_000;

    public required PatientFiles A { get; init; }

    /// <summary>Another patient: owns the document requested under A's id.</summary>
    public required PatientFiles B { get; init; }

    /// <summary>Consent given, linked, then consent withdrawn at the desk.</summary>
    public required PatientFiles C { get; init; }

    /// <summary>Never consented: the linked physician's declaration is refused.</summary>
    public required PatientFiles D { get; init; }

    public required Guid Masked { get; init; }

    /// <summary>Masked by its author (another physician, who alone keeps it): refused to the linked physician.</summary>
    public required Guid MaskedByAuthor { get; init; }

    public required Guid MaskedByHospital { get; init; }

    /// <summary>Ingested after the clock's last move: an embargo's end is fixed at ingestion.</summary>
    public Guid Embargoed { get; private set; }

    public TestUser Desk { get; } = new(Guid.NewGuid(), [Roles.PatientDesk], null, "Agent Renard");

    public TestUser Linked { get; } = Physician();

    public TestUser NoLink { get; } = Physician();

    public TestUser ExpiredByTime { get; } = Physician();

    public TestUser ExpiredByJob { get; } = Physician();

    public TestUser RevokedByPhysician { get; } = Physician();

    public TestUser RevokedByDesk { get; } = Physician();

    public TestUser Excluded { get; } = Physician();

    public TestUser EmergencyExpired { get; } = Physician();

    public TestUser Deactivated { get; } = Physician();

    /// <summary>Broke the glass at T2: the emergency path opens what a link opens (ETREAT).</summary>
    public TestUser EmergencyActive { get; } = Physician();

    /// <summary>Link ids read from each physician's "My patients" before the link was ended, for the history checks.</summary>
    public Dictionary<string, Guid> LinkIds { get; } = [];

    /// <summary>Every refusal: who asks for which patient (and, for the Records situations, which document).</summary>
    public IReadOnlyList<Situation> Refusals =>
    [
        new("no link", NoLink, A.Id, A),
        new("link expired (clock past its end)", ExpiredByTime, A.Id, A),
        new("link expired (expiry job ran)", ExpiredByJob, A.Id, A),
        new("link ended by the physician", RevokedByPhysician, A.Id, A),
        new("link revoked by the patient desk", RevokedByDesk, A.Id, A),
        new("physician excluded by the patient (link still active)", Excluded, A.Id, A),
        new("emergency grant expired", EmergencyExpired, A.Id, A),
        new("account deactivated (link still active)", Deactivated, A.Id, A),
        new("consent withdrawn", Linked, C.Id, C),
        new("consent never given", Linked, D.Id, D),
        new("unknown patient id", Linked, Guid.NewGuid(), A),
        new("document masked at the patient's request", Linked, A.Id, A, Masked),
        new("document masked by its author (another physician)", Linked, A.Id, A, MaskedByAuthor),
        new("document masked by the hospital", Linked, A.Id, A, MaskedByHospital),
        new("document embargoed", Linked, A.Id, A, Embargoed),
        new("another patient's document id", Linked, A.Id, A, B.Photo),
        new("unknown document id", Linked, A.Id, A, Guid.NewGuid()),
    ];

    public static TestUser Physician() => new(Guid.NewGuid(), [Roles.Physician], NextInami(), PhysicianName);

    public static async Task<MatrixWorld> CreateAsync(MatrixFactory factory)
    {
        _ = factory.Server;
        var a = await RegisterAsync(factory, "Alice", "Artois", new DateOnly(1961, 1, 2));
        var b = await RegisterAsync(factory, "Bruno", "Bastin", new DateOnly(1962, 2, 3));
        var c = await RegisterAsync(factory, "Chloé", "Claes", new DateOnly(1963, 3, 4));
        var d = await RegisterAsync(factory, "Denise", "Dierckx", new DateOnly(1964, 4, 5));
        var world = new MatrixWorld
        {
            A = await IngestAsync(factory, a),
            B = await IngestAsync(factory, b),
            C = await IngestAsync(factory, c),
            D = await IngestAsync(factory, d),
            Masked = await IngestOneAsync(factory, a.Id, "documents/hl7v2/oru_r01_radiology_text_report.hl7", "masked", masked: "patient"),
            MaskedByAuthor = await IngestOneAsync(factory, a.Id, "documents/pdf/discharge_summary_sample.pdf", "masked-by-author", masked: "author", authorInami: NextInami()),
            MaskedByHospital = await IngestOneAsync(factory, a.Id, "photos/exif_orientation_6.jpg", "masked-by-hospital", masked: "hospital"),
        };
        await new ConsentSteps(factory, world).RunAsync();
        world.Embargoed = await IngestOneAsync(factory, a.Id, "documents/cda/ccda_ccd.xml", "embargoed", embargo: "genetics");
        return world;
    }

    public HttpClient Client(MatrixFactory factory, TestUser user) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).As(user);

    private static string NextInami()
    {
        // A valid INAMI per physician (check digits mod 97 on the first 6): exclusions match on digits 1–8, so one
        // physician's exclusion must not touch the others.
        var first6 = 100_000 + Interlocked.Increment(ref inamiSequence);
        return string.Create(CultureInfo.InvariantCulture, $"{first6}{97 - (first6 % 97):00}004");
    }

    private static async Task<PatientIdentity> RegisterAsync(MatrixFactory factory, string first, string last, DateOnly birth)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var niss = DemoNiss.For(birth, 11);
        var id = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterPatient(niss, first, last, birth, "F", "fr", ["Rue 1", "7000 Mons"], null, false));
        return new PatientIdentity(id, niss, last, birth);
    }

    private static async Task<PatientFiles> IngestAsync(MatrixFactory factory, PatientIdentity patient) => new(
        patient.Id,
        patient.Niss,
        patient.LastName,
        patient.BirthDate,
        await IngestOneAsync(factory, patient.Id, "photos/jpeg_baseline_hopper.jpg", "photo"),
        await IngestOneAsync(factory, patient.Id, "photos/png_rgb_hopper.png", "photo2"),
        await IngestOneAsync(factory, patient.Id, "dicom/ct_explicit_le_16bit_signed_small.dcm", "ct"));

    internal static async Task<Guid> IngestOneAsync(MatrixFactory factory, Guid patient, string file, string sourceId, string? masked = null, string? embargo = null, string? authorInami = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
        var metadata = new IngestMetadata
        {
            SourceId = $"{patient:N}-{sourceId}",
            PatientId = patient,
            FileName = Path.GetFileName(file),
            MaskedBy = masked,
            AuthorInami = authorInami,
            EmbargoCategory = embargo,
            Department = "Cardiologie",
        };
        var outcome = await ingestor.IngestAsync("matrix", metadata, await File.ReadAllBytesAsync(Corpus.File(file)), default);
        return outcome.DocumentId ?? throw new InvalidOperationException(file + ": " + outcome.Reason);
    }

    private sealed record PatientIdentity(Guid Id, string Niss, string LastName, DateOnly BirthDate);
}

/// <summary>A patient and the documents the endpoints ask for.</summary>
internal sealed record PatientFiles(Guid Id, string Niss, string LastName, DateOnly BirthDate, Guid Photo, Guid Photo2, Guid Ct);

/// <summary>One refusal: the physician, the patient id in the URL, whose documents fill it, and an optional document override.</summary>
internal sealed record Situation(string Name, TestUser User, Guid PatientId, PatientFiles Files, Guid? Document = null)
{
    public override string ToString() => Name;
}
