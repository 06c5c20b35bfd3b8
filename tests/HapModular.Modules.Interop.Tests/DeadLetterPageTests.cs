using System.Text.RegularExpressions;
using HapModular.Modules.Interop.Inbox;
using HapModular.Modules.Records.Contracts;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Interop.Tests;

/// <summary>The administrator's page: counts per source, held messages to retry once the registry knows the patient, or discard.</summary>
public sealed partial class DeadLetterPageTests(InteropFactory factory) : IClassFixture<InteropFactory>
{
    [Fact]
    public async Task A_held_instance_is_listed_and_files_after_the_desk_registers_the_patient_and_the_admin_retries()
    {
        var file = Corpus.File("dicom/mr_j2k_lossy_1024_rescale.dcm");
        var (exit, output) = await Tools.RunAsync("storescu", "-R", "-xw", "-aet", "PACS", "-aec", "HAPMODULAR", "127.0.0.1", factory.DicomPort.ToString(System.Globalization.CultureInfo.InvariantCulture), file);
        Assert.True(exit == 0, output);
        var uid = DicomStoreTests.Uid(File.ReadAllBytes(file));
        var held = await factory.InboxAsync("dicom", uid);
        Assert.Equal(InboundStatus.Held, held?.Status);

        var admin = factory.Client(factory.Admin);
        var page = await admin.GetStringAsync(new Uri("/admin/interop", UriKind.Relative));
        Assert.Contains($"data-message-id=\"{held!.Id}\"", page, StringComparison.Ordinal);
        Assert.Contains("unknown patient", page, StringComparison.Ordinal);
        Assert.Matches(DicomRow(), page);

        // Physicians and desk staff do not see it.
        using var physician = await factory.Client(factory.DrDupont).GetAsync(new Uri("/admin/interop", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, physician.StatusCode);

        // The desk registers the patient (Patient ID 5MR2, born 1950-01-12); the admin retries; the job files it.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new RegisterPatient("50011200117", "MR2", "CompressedSamples", new DateOnly(1950, 1, 12), "X", "fr", ["Rue 1"], null, false) { HospitalId = "5MR2" });
        }

        var retry = await PageForms.PostAsync(admin, "/admin/interop", new Dictionary<string, string> { ["id"] = held.Id.ToString() }, action: "/admin/interop?handler=Retry");
        await PageForms.AssertRedirectAsync(retry, "retry");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InboundRetryJob>().RunAsync(held.Id, default);
        }

        var filed = await factory.InboxAsync("dicom", uid);
        Assert.Equal(InboundStatus.Filed, filed?.Status);
        Assert.NotNull(filed!.DocumentId);
        Assert.DoesNotContain($"data-message-id=\"{held.Id}\"", await admin.GetStringAsync(new Uri("/admin/interop", UriKind.Relative)), StringComparison.Ordinal);
    }

    [GeneratedRegex("<tr data-source=\"dicom\"><td>dicom</td><td class=\"received\">[1-9][0-9]*</td>")]
    private static partial Regex DicomRow();
}
