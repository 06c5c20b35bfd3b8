using HapModular.Modules.Shared;

namespace HapModular.Host.Database;

/// <summary>
/// <c>HapModular.Host migrate</c>: brings the database's schema to this release and says what it did, for an operator
/// who upgrades before starting the new hosts. The work itself is the start-up's (<see cref="MigrateOnStartup"/>, under
/// the same lock): this verb starts the host without serving, then reports each schema's journal.
/// </summary>
internal sealed class MigrateCommand(SchemaMigrator migrator) : IHostCommand
{
    public string Name => "migrate";

    public Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var result in migrator.LastRun)
        {
            var now = result.Applied.Count == 0 ? "up to date" : "applied " + string.Join(", ", result.Applied);
            Console.WriteLine($"{result.Schema}: {result.Known} script(s), {now}.");
        }

        Console.WriteLine($"Schema up to date ({migrator.LastRun.Sum(r => r.Applied.Count)} script(s) applied now).");
        return Task.FromResult(0);
    }
}
