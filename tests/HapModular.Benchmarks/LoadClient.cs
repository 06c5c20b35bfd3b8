using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace HapModular.Benchmarks;

/// <summary>
/// The load client in a process of its own (the default; <c>--client-in-process</c> runs it inside, as before). Why: the
/// bench prints CPU and allocation per request from this process's own counters, and a client inside counted its own
/// work as the server's (measured: ~7 KiB of the ~110 KiB per timeline request were the client's: its cookie header,
/// header tables, response objects). The child sends what this process's client would: the same cookies (the signed-in
/// session and whatever else the host set) and default headers, the same closed loop (<see cref="LoadLoop"/>).
/// Its lines on standard output frame the measured window: "measuring", "done", then "result …".
/// </summary>
internal sealed class LoadClient(string baseUrl, CookieContainer cookies, System.Net.Http.Headers.HttpRequestHeaders headers)
{
    private const string Flag = "--client";

    public static bool IsChild(string[] args) => args.Length > 0 && args[0] == Flag;

    public async Task<(long Requests, long Errors, double P50Ms, double P99Ms)> RunAsync(string url, int connections, TimeSpan warmup, TimeSpan duration, Action onStart, Action onEnd)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { typeof(LoadClient).Assembly.Location, Flag, baseUrl, url, Invariant(connections), Invariant(warmup.TotalMilliseconds), Invariant(duration.TotalMilliseconds) })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HAP_BENCH_COOKIES"] = cookies.GetCookieHeader(new Uri(baseUrl));
        start.Environment["HAP_BENCH_HEADERS"] = string.Join('\n', headers.Select(h => h.Key + ":" + string.Join(',', h.Value)));
        using var child = Process.Start(start) ?? throw new InvalidOperationException("the load client did not start");
        await Expect(child, "measuring");
        onStart();
        await Expect(child, "done");
        onEnd();
        var result = (await child.StandardOutput.ReadLineAsync())?.Split(' ') ?? throw new InvalidOperationException("the load client gave no result");
        await child.WaitForExitAsync();
        return (long.Parse(result[1], CultureInfo.InvariantCulture), long.Parse(result[2], CultureInfo.InvariantCulture),
            double.Parse(result[3], CultureInfo.InvariantCulture), double.Parse(result[4], CultureInfo.InvariantCulture));
    }

    /// <summary>The child: <c>--client base url connections warmupMs durationMs</c>.</summary>
    public static async Task ChildAsync(string[] args)
    {
        var baseUri = new Uri(args[1]);
        var jar = new CookieContainer();
        foreach (var pair in (Environment.GetEnvironmentVariable("HAP_BENCH_COOKIES") ?? string.Empty).Split("; ", StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            jar.Add(baseUri, new Cookie(pair[..equals], pair[(equals + 1)..]));
        }

        var connections = int.Parse(args[3], CultureInfo.InvariantCulture);
        // No redirect followed: a session the host refused (a redirect to sign-in) counts as an error, not as a page.
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseCookies = true, CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = baseUri };
        foreach (var line in (Environment.GetEnvironmentVariable("HAP_BENCH_HEADERS") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            client.DefaultRequestHeaders.TryAddWithoutValidation(line[..colon], line[(colon + 1)..]);
        }

        var (requests, errors, p50, p99) = await LoadLoop.ClientAsync(client, args[2], connections,
            TimeSpan.FromMilliseconds(double.Parse(args[4], CultureInfo.InvariantCulture)), TimeSpan.FromMilliseconds(double.Parse(args[5], CultureInfo.InvariantCulture)),
            () => Console.WriteLine("measuring"), () => Console.WriteLine("done"));
        Console.WriteLine($"result {Invariant(requests)} {Invariant(errors)} {Invariant(p50)} {Invariant(p99)}");
    }

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static async Task Expect(Process child, string expected)
    {
        string? line;
        while ((line = await child.StandardOutput.ReadLineAsync()) != expected)
        {
            if (line is null)
            {
                throw new InvalidOperationException($"the load client ended before '{expected}'");
            }
        }
    }
}
