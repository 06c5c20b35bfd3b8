namespace HapModular.Modules.Shared;

/// <summary>
/// Writes a module's demo data when the host starts with <c>--demo</c> (build/run.sh). Seeders run in ascending
/// <see cref="Order"/>, once per data folder: the host records a marker per seeder and <see cref="Version"/>, and
/// skips a seeder already done on every later start. Each step must also be a no-op when the person's data
/// already exists (an account, a patient, a consent, a link — in any state), so an interrupted first seeding can
/// run again and nothing a person did (a withdrawal, a revocation, a mask) is ever undone.
/// Modules find each other's demo data through Contracts queries only.
/// </summary>
public interface IDemoSeeder
{
    /// <summary>Identity 100, Records 200, Consent 300, others after.</summary>
    int Order { get; }

    /// <summary>Bump to seed again into existing demo folders (new demo content); steps stay no-ops for existing data.</summary>
    int Version => 1;

    /// <summary>Seeds, returning progress lines to print on the console; never real secrets.</summary>
    Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>
    /// What the demo holds, printed on every start with <c>--demo</c> (demo accounts and their public TOTP secrets,
    /// demo patients and their synthetic NISS). Never called outside the demo.
    /// </summary>
    Task<IReadOnlyList<string>> DescribeAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);
}
