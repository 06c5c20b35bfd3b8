using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using HapModular.Modules.Consent.Benchmarks;

// "--quick": a plain Stopwatch loop (p50/p95 over 5 000 calls) for CI-sized machines; otherwise BenchmarkDotNet
// in process (the host and its database live in this process, so no separate benchmark process is spawned).
if (args.Contains("--quick"))
{
    var bench = new CheckAccessBenchmark();
    bench.Setup();
    for (var i = 0; i < 500; i++)
    {
        await bench.Allowed_through_a_link();
    }

    var samples = new double[5000];
    for (var i = 0; i < samples.Length; i++)
    {
        var start = Stopwatch.GetTimestamp();
        await bench.Allowed_through_a_link();
        samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    Array.Sort(samples);
    Console.WriteLine($"CheckAccess (allowed, warm store): p50 {samples[2500]:F3} ms, p95 {samples[4750]:F3} ms, p99 {samples[4950]:F3} ms over {samples.Length} calls");
    bench.Cleanup();
    return;
}

var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessNoEmitToolchain.Instance));
BenchmarkRunner.Run<CheckAccessBenchmark>(config, args);
