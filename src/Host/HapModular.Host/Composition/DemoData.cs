using HapModular.Modules.Shared;

namespace HapModular.Host.Composition;

/// <summary>
/// Runs every module's demo seeder in order, once per data folder (a marker per seeder and version in
/// <c>host.demo_seeds</c>, written when the seeder completes), then prints what the demo holds.
/// </summary>
internal static class DemoData
{
    /// <summary>The command-line flag that seeds the demo (build/run.sh passes it).</summary>
    public const string Flag = "--demo";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var markers = scope.ServiceProvider.GetRequiredService<DemoSeedMarkers>();
        var seeders = scope.ServiceProvider.GetServices<IDemoSeeder>().OrderBy(s => s.Order).ToList();
        var done = await markers.ReadAsync(cancellationToken);
        foreach (var seeder in seeders)
        {
            var key = seeder.GetType().FullName!;
            if (done.TryGetValue(key, out var version) && version >= seeder.Version)
            {
                continue;
            }

            Console.WriteLine($"Seeding demo data: {seeder.GetType().Name}…");
            foreach (var line in await seeder.SeedAsync(scope.ServiceProvider, cancellationToken))
            {
                Console.WriteLine(line);
            }

            await markers.MarkAsync(key, seeder.Version, cancellationToken);
        }

        foreach (var seeder in seeders)
        {
            foreach (var line in await seeder.DescribeAsync(scope.ServiceProvider, cancellationToken))
            {
                Console.WriteLine(line);
            }
        }
    }
}
