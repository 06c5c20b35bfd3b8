using System.Collections.Concurrent;
using System.Diagnostics;

namespace HapModular.Host.ProcessTests;

/// <summary>
/// The host as a hospital runs it: its own process (<c>dotnet HapModular.Host.dll …</c>), from a chosen working folder,
/// with the embedded PostgreSQL of its data folder, in Production. Output lines are kept; signals are real signals.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    // Completed (and replaced) on every new line and when the process ends: what a waiter waits for.
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.Exited += (_, _) => Changed();
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// How long a host may take to start or stop. A limit, not a measurement: on CI's loaded machine (other test lanes, each
    /// with its PostgreSQL and browser, on 2 throttled cores) a host that was right once took over 3 minutes to start.
    /// </summary>
    public static TimeSpan Limit { get; } = TimeSpan.FromMinutes(6);

    /// <summary>The host's build output (the test's own bin holds the host, its runtime config and the plugins).</summary>
    public static string HostDll { get; } = Path.Combine(AppContext.BaseDirectory, "HapModular.Host.dll");

    /// <summary>Process id.</summary>
    public int Id => process.Id;

    /// <summary>Everything written so far (standard output and error).</summary>
    public string Output => string.Join('\n', lines);

    /// <summary>Starts the host with these arguments in <paramref name="workingDirectory"/>.</summary>
    public static HostProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        psi.ArgumentList.Add(HostDll);
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("ConnectionStrings__Hap");
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Hap__PluginsPath"] = Path.Combine(AppContext.BaseDirectory, "plugins");
        // The standard interfaces on free ports: other hosts of the test run may hold the default ones.
        psi.Environment["Interop__Dicom__Port"] = "0";
        psi.Environment["Interop__Mllp__Port"] = "0";
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        return new HostProcess(Process.Start(psi)!);
    }

    /// <summary>
    /// Waits until a line contains <paramref name="text"/>; fails with the output when the process ends first or after
    /// <see cref="Limit"/>.
    /// </summary>
    public async Task<string> WaitForLineAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Limit);
        while (true)
        {
            // Taken before looking, so a line or the exit that comes after the look still wakes this waiter.
            var next = Volatile.Read(ref changed).Task;
            if (lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            if (process.HasExited)
            {
                // The exit may come before the last lines are read: WaitForExit() drains them.
                process.WaitForExit();
                return lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal))
                    ?? throw new InvalidOperationException($"The host ended (exit {process.ExitCode}) before writing \"{text}\":\n{Output}");
            }

            try
            {
                await next.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No line \"{text}\" in {Limit.TotalMinutes} minutes:\n{Output}");
            }
        }
    }

    /// <summary>Closes the process's standard input (a command that reads it to its end, e.g. <c>cat</c>, then ends).</summary>
    public void CloseInput() => process.StandardInput.Close();

    /// <summary>Sends a signal (TERM, INT, KILL) to the process.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for the end of the process (<see cref="Limit"/> at most) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Limit);
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Signal("TERM");
            await WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Changed() => Interlocked.Exchange(ref changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private void Add(string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
            Changed();
        }
    }
}
