namespace HapModular.Modules.Shared;

/// <summary>
/// Writes a module's demo data when the host starts with <c>--demo</c> (build/run.sh). Seeders run in
/// ascending <see cref="Order"/> and must be idempotent: the demo is re-seeded on every start.
/// Modules find each other's demo data through Contracts queries only.
/// </summary>
public interface IDemoSeeder
{
    /// <summary>Identity 100, Records 200, Consent 300, others after.</summary>
    int Order { get; }

    /// <summary>Seeds, returning lines to print on the console (demo accounts, codes); never real secrets.</summary>
    Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, CancellationToken cancellationToken);
}
