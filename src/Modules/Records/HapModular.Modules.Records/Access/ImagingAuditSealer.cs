using HapModular.Modules.Audit.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Records.Access;

/// <summary>
/// Seals the imaging bursts whose window ended: appends their record (with the number of images) to the audit chain,
/// then marks them sealed. Every 30 seconds on the host's clock (a fake clock in tests), and at start-up for bursts
/// a stopped host left open. Appended before marked: a crash in between repeats a record rather than losing one.
/// </summary>
internal sealed partial class ImagingAuditSealer(ImagingAuditBursts bursts, IServiceScopeFactory scopes, TimeProvider time, ILogger<ImagingAuditSealer> logger) : BackgroundService
{
    public async Task SealDueAsync(CancellationToken cancellationToken)
    {
        var due = await bursts.DueAsync(cancellationToken);
        if (due.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        foreach (var (id, record) in due)
        {
            await mediator.Send(record, cancellationToken);
            await bursts.MarkSealedAsync(id, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        do
        {
            try
            {
                await SealDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                LogSealFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sealing imaging audit bursts failed; they stay open and are retried")]
    private static partial void LogSealFailed(ILogger logger, Exception exception);
}
