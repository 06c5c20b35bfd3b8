namespace HapModular.ArchitectureTests.Pages.Sample;

/// <summary>What <see cref="JobPlacementTests"/> must flag: a job under a Pages namespace.</summary>
internal sealed class SampleJob
{
    [Hangfire.AutomaticRetry(Attempts = 1)]
    public static void Run()
    {
    }
}
