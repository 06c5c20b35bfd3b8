using HapModular.Modules.Shared;

namespace HapModular.Host.Composition;

/// <summary>Runs every module's demo seeder in order and prints what they report (demo accounts, codes).</summary>
internal static class DemoData
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
        {
            foreach (var line in await seeder.SeedAsync(scope.ServiceProvider, cancellationToken))
            {
                Console.WriteLine(line);
            }
        }
    }
}
