using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using HapModular.Testing;

namespace HapModular.Imaging.Testing;

/// <summary>
/// Debian's Orthanc 1.10 with its DICOMweb plugin, started on loopback with a generated configuration in a temporary
/// folder (never the system service), stopped with SIGINT and its folder deleted on dispose.
/// </summary>
public sealed class Orthanc : IAsyncDisposable
{
    private readonly Process process;
    private readonly string folder;

    private Orthanc(Process process, string folder, int port)
    {
        this.process = process;
        this.folder = folder;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
    }

    public HttpClient Http { get; }

    /// <summary>Orthanc's process id (the benchmark reads its CPU time).</summary>
    public int ProcessId => process.Id;

    /// <summary>
    /// Starts Orthanc with these DICOMweb servers (name → base URL and Bearer token), and with its ServeFolders plugin
    /// serving each of <paramref name="folders"/> (URI root → folder) on its own origin, when given.
    /// </summary>
    public static async Task<Orthanc> StartAsync(IReadOnlyDictionary<string, (string Url, string Token)> servers, IReadOnlyDictionary<string, string>? folders = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hap-orthanc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePorts.Next();
        var config = new Dictionary<string, object>
        {
            ["Name"] = "HapAcceptance",
            ["HttpPort"] = port,
            ["DicomPort"] = FreePorts.Next(),
            ["StorageDirectory"] = Path.Combine(folder, "storage"),
            ["IndexDirectory"] = Path.Combine(folder, "index"),
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["HttpTimeout"] = 60,
            ["Plugins"] = new[] { "/usr/share/orthanc/plugins/libOrthancDicomWeb.so" },
            ["DicomWeb"] = new Dictionary<string, object>
            {
                ["Enable"] = true,
                ["Root"] = "/dicom-web/",
                ["Servers"] = servers.ToDictionary(s => s.Key, s => (object)new Dictionary<string, object>
                {
                    ["Url"] = s.Value.Url,
                    ["HttpHeaders"] = new Dictionary<string, string> { ["Authorization"] = "Bearer " + s.Value.Token },
                }),
            },
        };
        if (folders is { Count: > 0 })
        {
            config["Plugins"] = new[] { "/usr/share/orthanc/plugins/libOrthancDicomWeb.so", "/usr/share/orthanc/plugins/libServeFolders.so" };
            config["ServeFolders"] = new Dictionary<string, object>
            {
                // WebAssembly is compiled while it downloads only when served as application/wasm.
                ["Extensions"] = new Dictionary<string, string> { [".wasm"] = "application/wasm", [".js"] = "text/javascript" },
                ["Folders"] = folders,
            };
        }

        var path = Path.Combine(folder, "orthanc.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(config));
        var start = new ProcessStartInfo("Orthanc", [path]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Orthanc did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var orthanc = new Orthanc(process, folder, port);
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var response = await orthanc.Http.GetAsync(new Uri("/system", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return orthanc;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException("Orthanc exited with code " + process.ExitCode);
            }

            await Task.Delay(100);
        }

        await orthanc.DisposeAsync();
        throw new TimeoutException("Orthanc did not answer within 30 s");
    }

    /// <summary>POSTs JSON to Orthanc's REST API and returns status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, object body)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            // SIGINT lets Orthanc close its index cleanly (about two seconds).
            _ = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (!process.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                process.Kill();
            }
        }

        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }

        await Task.CompletedTask;
    }
}
