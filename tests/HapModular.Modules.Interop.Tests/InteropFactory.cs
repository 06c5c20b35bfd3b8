using System.Globalization;
using HapModular.Modules.Interop.Dicom;
using HapModular.Modules.Interop.Hl7;
using HapModular.Modules.Interop.Inbox;
using HapModular.Modules.Records.Contracts;
using HapModular.SharedKernel;
using HapModular.Testing;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Interop.Tests;

/// <summary>
/// The real host with the demo (Dr Dupont) and patients named as in the corpus files, each with consent recorded at
/// the desk and a link declared by Dr Dupont through Consent's real pages. The SCP and the MLLP listener run on free
/// ports. Requests authenticate with the test header.
/// </summary>
public sealed class InteropFactory : HapAppFactory
{
    private static int sequence = 200;

    public TestUser DrDupont { get; private set; } = null!;

    public TestUser Desk { get; } = new(Guid.NewGuid(), [Roles.PatientDesk], null, "Agent Renard");

    public TestUser Admin { get; } = new(Guid.NewGuid(), [Roles.Admin], null, "Admin");

    public Dictionary<string, Guid> Patients { get; } = [];

    /// <summary>The NISS each linked patient was registered and linked with (what the GP's software knows).</summary>
    public Dictionary<string, string> NissOf { get; } = [];

    public int DicomPort { get; private set; }

    public int MllpPort { get; private set; }

    protected override bool UseTestAuthentication => true;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _ = Server;
        var (drDupont, _, _) = await DemoRecord.SeedAsync(Services);
        DrDupont = new TestUser(drDupont, [Roles.Physician], "18334780004", "Dr Dupont");
        DicomPort = await Services.GetRequiredService<DicomScp>().Port;
        MllpPort = await Services.GetRequiredService<MllpListener>().Port;
        // As in the corpus: the Lestrade study (Patient ID ID1, no birth date), the MESA reports (PID_1), a DX (123456).
        await LinkedPatientAsync("lestrade", "G", "Lestrade", new DateOnly(1950, 6, 1), "ID1");
        await LinkedPatientAsync("smith", "Lucy", "Smith", new DateOnly(2014, 10, 14), "PID_1");
        await LinkedPatientAsync("dog", "AVeryGood", "Dog", new DateOnly(2014, 4, 22), "123456");
        await LinkedPatientAsync("ct-other-name", "Autre", "Personne", new DateOnly(1960, 1, 1), "1CT1");
    }

    public HttpClient Client(TestUser user) => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).As(user);

    internal async Task<InboundMessage?> InboxAsync(string source, string key)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InboxStore>().FindAsync(source, key, default);
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The document's bytes as Dr Dupont downloads them, through the guard.</summary>
    public async Task<byte[]> DownloadAsync(Guid patient, Guid document)
    {
        using var response = await Client(DrDupont).GetAsync(new Uri($"/patients/{patient}/documents/{document}/download", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task LinkedPatientAsync(string key, string first, string last, DateOnly birth, string hospitalId)
    {
        var niss = Niss(birth, Interlocked.Increment(ref sequence));
        NissOf[key] = niss;
        await using (var scope = Services.CreateAsyncScope())
        {
            Patients[key] = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new RegisterPatient(niss, first, last, birth, "X", "fr", ["Rue 1", "7000 Mons"], null, false) { HospitalId = hospitalId });
        }

        var desk = Client(Desk);
        var consent = await PageForms.PostAsync(desk, $"/desk?patient={Patients[key]}", new Dictionary<string, string>
        {
            ["patient"] = Patients[key].ToString(),
            ["reference"] = "REQ-1",
            ["status"] = "Given",
            ["method"] = "oral",
        }, action: "/desk?handler=Consent");
        await PageForms.AssertRedirectAsync(consent, "desk consent");
        var declare = await PageForms.PostAsync(
            Client(DrDupont),
            "/links/declare",
            new Dictionary<string, string>
            {
                ["Niss"] = niss,
                ["LastName"] = last,
                ["BirthDate"] = birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["LinkType"] = "consultation",
                ["ProofMode"] = "upload",
            },
            ("ProofFile", "consent.png", ConsentProofs.Page()));
        Assert.Equal("/patients", await PageForms.AssertRedirectAsync(declare, "declare link"));
    }

    public static string Niss(DateOnly birth, int seq) => DemoRecord.Niss(birth, seq);
}
