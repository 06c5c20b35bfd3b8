using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using HapModular.Modules.Interop.Inbox;
using HapModular.Testing;

namespace HapModular.Modules.Interop.Tests;

/// <summary>
/// Debian's Orthanc as the hospital's PACS: started by the test on loopback with a generated configuration that
/// declares the portal as a DICOM modality, it pushes a study with <c>POST /modalities/{id}/store</c>.
/// </summary>
public sealed class OrthancTests(InteropFactory factory) : IClassFixture<InteropFactory>
{
    [Fact]
    public async Task Orthanc_pushes_a_study_to_the_portal_and_it_lands_byte_identical()
    {
        var dir = Path.Combine(factory.DataDirectory, "orthanc");
        Directory.CreateDirectory(dir);
        var httpPort = FreePorts.Next();
        var config = new Dictionary<string, object>
        {
            ["Name"] = "hap-test-pacs",
            ["StorageDirectory"] = Path.Combine(dir, "storage"),
            ["IndexDirectory"] = Path.Combine(dir, "index"),
            ["HttpPort"] = httpPort,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["DicomServerEnabled"] = false,
            ["DicomAet"] = "ORTHANC",
            ["DicomModalities"] = new Dictionary<string, object> { ["hap"] = new object[] { "HAPMODULAR", "127.0.0.1", factory.DicomPort } },
            ["Plugins"] = Array.Empty<string>(),
        };
        var configPath = Path.Combine(dir, "orthanc.json");
        await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(config));
        using var orthanc = Process.Start(new ProcessStartInfo("Orthanc", configPath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            orthanc.BeginErrorReadLine();
            orthanc.BeginOutputReadLine();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
            await WaitUntilUpAsync(http, orthanc);

            var original = await File.ReadAllBytesAsync(Corpus.File("dicom/dx_monochrome1_8bit_window.dcm"));
            using var upload = await http.PostAsync(new Uri("instances", UriKind.Relative), new ByteArrayContent(original));
            upload.EnsureSuccessStatusCode();
            var instance = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ID").GetString()!;
            using var store = await http.PostAsync(new Uri("modalities/hap/store", UriKind.Relative), new StringContent(instance));
            Assert.True(store.IsSuccessStatusCode, await store.Content.ReadAsStringAsync());

            var kept = await factory.InboxAsync("dicom", DicomStoreTests.Uid(original));
            Assert.True(kept is { Status: InboundStatus.Filed, Sender: "ORTHANC" }, $"{kept?.Status} {kept?.Reason}");
            var stored = await factory.DownloadAsync(factory.Patients["dog"], kept!.DocumentId!.Value);
            // The corpus file has odd-length Pixel Data; Orthanc sends through DCMTK, whose writer pads it to even length
            // (PS3.5 7.1.1). dcmconv (the same writer) shows the bytes Orthanc put on the wire: the portal stored exactly those.
            var sent = Path.Combine(dir, "as-sent.dcm");
            var (exit, output) = await Tools.RunAsync("dcmconv", Corpus.File("dicom/dx_monochrome1_8bit_window.dcm"), sent);
            Assert.True(exit == 0, output);
            Assert.True(DicomStoreTests.DatasetOf(await File.ReadAllBytesAsync(sent)).SequenceEqual(DicomStoreTests.DatasetOf(stored)), "the stored data set differs from the one Orthanc sent");
        }
        finally
        {
            orthanc.Kill(entireProcessTree: true);
            await orthanc.WaitForExitAsync();
        }
    }

    private static async Task WaitUntilUpAsync(HttpClient http, Process orthanc)
    {
        // Waits for Orthanc's REST API (an event, bounded), not for a fixed time.
        for (var attempt = 0; attempt < 300; attempt++)
        {
            Assert.False(orthanc.HasExited, "Orthanc exited at start-up");
            try
            {
                using var system = await http.GetAsync(new Uri("system", UriKind.Relative));
                if (system.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail("Orthanc did not answer within 30 s");
    }
}
