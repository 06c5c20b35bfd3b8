using HapModular.Modules.Shared;

namespace HapModular.Host.Composition;

/// <summary>
/// Command-line verbs of the host (<c>HapModular.Host import FOLDER …</c>): modules register
/// <see cref="IHostCommand"/>s; the host starts (schemas ready, no job server, no public port), runs the verb, and
/// exits with its code. Against the data folder of a running portal, the verb shares the portal's PostgreSQL.
/// </summary>
internal static class HostCommands
{
    /// <summary>Exit code of a verb stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Whether the first argument names a verb rather than an option: decided before the host is built.</summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && args[0].Length > 0 && char.IsLetter(args[0][0]);

    public static async Task<int?> TryRunAsync(WebApplication app, string[] args, CancellationToken stop)
    {
        var commands = app.Services.GetServices<IHostCommand>().ToList();
        var command = commands.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.OrdinalIgnoreCase));
        if (command is null)
        {
            return null;
        }

        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        using var both = CancellationTokenSource.CreateLinkedTokenSource(stop, app.Lifetime.ApplicationStopping);
        await app.StartAsync(stop);
        try
        {
            return await command.RunAsync(args[1..], app.Services, both.Token);
        }
        catch (OperationCanceledException) when (both.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{command.Name}: interrupted.");
            return Interrupted;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }
}
