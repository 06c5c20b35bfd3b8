using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Shared.Access;

/// <summary>
/// The open imaging bursts of this host (see <c>IImagingRequest</c>): (user, patient, study, channel) → when its record
/// was written. A burst is opened only after its record is appended, so a failed append leaves the next request to
/// write it; a restart forgets the bursts and the next request writes a new record — the audit may repeat itself,
/// never miss an image served. The window is <c>Hap:Audit:ImagingBurstMinutes</c> (default 5) on the host's clock.
/// </summary>
internal sealed class ImagingAuditBursts(TimeProvider time, IConfiguration configuration)
{
    private readonly ConcurrentDictionary<(Guid User, Guid Patient, string Study, string Channel), DateTimeOffset> open = new();

    public TimeSpan Window { get; } = TimeSpan.FromMinutes(configuration.GetValue("Hap:Audit:ImagingBurstMinutes", 5.0));

    /// <summary>Whether a burst of this user on this study and channel is open now (its record already written).</summary>
    public bool IsOpen(Guid user, Guid patient, string? study, string channel) =>
        open.TryGetValue((user, patient, study ?? string.Empty, channel), out var started) && time.GetUtcNow() < started + Window;

    /// <summary>Opens a burst now: called once its record is in the audit trail.</summary>
    public void Open(Guid user, Guid patient, string? study, string channel)
    {
        var now = time.GetUtcNow();
        open[(user, patient, study ?? string.Empty, channel)] = now;
        if (open.Count > 10_000)
        {
            // Bounded memory: forget the bursts whose window ended (their records are written).
            foreach (var (key, started) in open)
            {
                if (now >= started + Window)
                {
                    open.TryRemove(key, out _);
                }
            }
        }
    }
}
