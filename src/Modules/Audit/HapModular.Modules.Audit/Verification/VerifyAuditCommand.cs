using System.Globalization;
using HapModular.Modules.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Audit.Verification;

/// <summary><c>HapModular.Host audit-verify</c>: exit code 0 when the chain is intact, 1 with the first broken link.</summary>
internal sealed class VerifyAuditCommand : IHostCommand
{
    public string Name => "audit-verify";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<ChainVerifier>().VerifyAsync(cancellationToken);
        Console.WriteLine(result.Intact
            ? string.Create(CultureInfo.InvariantCulture, $"Audit chain intact: {result.Checked} records verified.")
            : string.Create(CultureInfo.InvariantCulture, $"Audit chain BROKEN at record {result.FirstBrokenSequence}: {result.Problem} ({result.Checked} records verified before it)."));
        return result.Intact ? 0 : 1;
    }
}
