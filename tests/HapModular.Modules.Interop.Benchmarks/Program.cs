using System.Diagnostics;
using System.Globalization;
using HapModular.Modules.Interop.Dicom;
using HapModular.Modules.Records.Contracts;
using HapModular.Testing;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

// build/bench.sh cstore [--images N]: a CT study of N (default 100) 512×512 images made from the corpus CT with dcmtk's
// dcmodify (new SOP Instance UIDs), sent by storescu in one association to (1) dcmtk's storescp, which only writes
// files, and (2) the portal's SCP, which parses, files (blob, record, viewer inspection with thumbnail) and audits.
// Each receiver gets an unmeasured warm-up study first; the measured study has fresh UIDs (no idempotent shortcut).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var images = args.SkipWhile(a => a != "--images").Skip(1).Select(int.Parse).DefaultIfEmpty(100).First();
var work = Path.Combine(Path.GetTempPath(), "hap-bench-cstore-" + Environment.ProcessId);
Directory.CreateDirectory(work);
try
{
    var source = Corpus.File("dicom/ct_implicit_le_16bit_signed_rescale.dcm");
    var warmStoreScp = await Study.MakeAsync(source, Path.Combine(work, "warm1"), 10);
    var forStoreScp = await Study.MakeAsync(source, Path.Combine(work, "scp"), images);
    var warmPortal = await Study.MakeAsync(source, Path.Combine(work, "warm2"), 10);
    var forPortal = await Study.MakeAsync(source, Path.Combine(work, "portal"), images);
    var megabytes = forPortal.Sum(f => new FileInfo(f).Length) / 1e6;
    Console.WriteLine($"C-STORE benchmark: {Environment.ProcessorCount} cores, {images} CT images 512x512 (Implicit VR LE), {megabytes:F1} MB, one association (storescu -R)");

    // (1) dcmtk storescp writing files.
    var scpPort = FreePorts.Next();
    var output = Path.Combine(work, "storescp-out");
    Directory.CreateDirectory(output);
    using (var storescp = Process.Start(new ProcessStartInfo("storescp", ["-od", output, "-aet", "HAPMODULAR", scpPort.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
    {
        try
        {
            await Study.WaitForPortAsync(scpPort);
            await Study.SendAsync(scpPort, warmStoreScp);
            var dcmtk = await Study.SendAsync(scpPort, forStoreScp);
            Report("dcmtk storescp (writes files)", images, megabytes, dcmtk);

            // (2) the portal.
            await using var host = new CStoreHost();
            await host.InitializeAsync();
            _ = host.Server;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                    new RegisterPatient("85073003328", "CT1", "CompressedSamples", new DateOnly(1985, 7, 30), "M", "fr", ["Rue 1"], null, false) { HospitalId = "1CT1" });
            }

            var port = await host.Services.GetRequiredService<DicomScp>().Port;
            await Study.SendAsync(port, warmPortal);
            var portal = await Study.SendAsync(port, forPortal);
            Report("HapModular SCP (parse, file, inspect, audit)", images, megabytes, portal);
            Console.WriteLine($"ratio portal/storescp throughput = {dcmtk / portal:P0}");
        }
        finally
        {
            storescp.Kill();
            await storescp.WaitForExitAsync();
        }
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

static void Report(string label, int images, double megabytes, double seconds) =>
    Console.WriteLine($"{label,-46} {seconds,7:F2} s  {images / seconds,8:F1} instances/s  {megabytes / seconds,7:F1} MB/s");

/// <summary>The portal on a fresh database, logging warnings only, SCP on a free port.</summary>
internal sealed class CStoreHost : HapAppFactory
{
    protected override bool UseFakeTime => false;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Serilog:MinimumLevel:Default", "Warning")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // A console program has no test-assembly manifest for WebApplicationFactory to find the host's folder.
        builder.UseContentRoot(Path.Combine(Corpus.RepoRoot, "src", "Host", "HapModular.Host"));
    }
}

/// <summary>Study preparation and sending with dcmtk.</summary>
internal static class Study
{
    public static async Task<string[]> MakeAsync(string source, string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var files = Enumerable.Range(1, count).Select(i => Path.Combine(folder, $"ct{i:000}.dcm")).ToArray();
        foreach (var f in files)
        {
            File.Copy(source, f);
        }

        // -gin: a new SOP Instance UID per file; -nb: no backup copies.
        await RunAsync("dcmodify", ["-nb", "-gin", .. files]);
        return files;
    }

    /// <summary>Wall time of one storescu run sending every file in one association.</summary>
    public static async Task<double> SendAsync(int port, string[] files)
    {
        var watch = Stopwatch.StartNew();
        await RunAsync("storescu", ["-R", "-aet", "STORESCU", "-aec", "HAPMODULAR", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), .. files]);
        return watch.Elapsed.TotalSeconds;
    }

    public static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException("storescp did not listen");
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        using var p = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })!;
        var err = p.StandardError.ReadToEndAsync();
        var @out = p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({p.ExitCode}): {await err}{await @out}");
        }
    }
}
