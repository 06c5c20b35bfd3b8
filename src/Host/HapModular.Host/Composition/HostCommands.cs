using HapModular.Modules.Shared;

namespace HapModular.Host.Composition;

/// <summary>
/// Command-line verbs of the host (<c>HapModular.Host import FOLDER …</c>): modules register
/// <see cref="IHostCommand"/>s; the host starts (schemas ready), runs the verb, and exits with its code.
/// </summary>
internal static class HostCommands
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        var commands = app.Services.GetServices<IHostCommand>().ToList();
        var command = commands.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.OrdinalIgnoreCase));
        if (command is null)
        {
            return false;
        }

        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        try
        {
            Environment.ExitCode = await command.RunAsync(args[1..], app.Services, app.Lifetime.ApplicationStopping);
        }
        finally
        {
            await app.StopAsync();
        }

        return true;
    }
}
