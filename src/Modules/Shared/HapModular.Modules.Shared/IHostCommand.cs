namespace HapModular.Modules.Shared;

/// <summary>A command-line verb a module adds to the host (e.g. <c>import</c>). Register it in Autofac.</summary>
public interface IHostCommand
{
    /// <summary>The verb, e.g. <c>import</c>.</summary>
    string Name { get; }

    /// <summary>Runs the verb with the remaining arguments; returns the process exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CancellationToken cancellationToken);
}
