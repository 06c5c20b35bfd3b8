using System.Text;
using HapModular.Modules.Shared.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HapModular.Host.Web.Health;

/// <summary>
/// The document store answers when it can write and read back one small fixed blob (content-addressed: the probe is
/// stored once and then only read and hash-checked). A full disk or a NAS gone read-only makes the host unready.
/// </summary>
internal sealed class BlobStoreHealthCheck(IBlobStore blobs) : IHealthCheck
{
    private static readonly byte[] Probe = Encoding.ASCII.GetBytes("hapmodular document store health probe\n");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var id = await blobs.PutAsync(Probe, cancellationToken);
            var back = await blobs.GetAsync(id, cancellationToken);
            return back.AsSpan().SequenceEqual(Probe) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("read back differs");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BlobCorruptedException or BlobNotFoundException)
        {
            return HealthCheckResult.Unhealthy(ex.GetType().Name);
        }
    }
}
