using Hangfire;
using MediatR;
using Microsoft.Extensions.Hosting;

namespace HapModular.Modules.Consent.Expiry;

/// <summary>Schedules the daily expiry sweep (03:15 UTC) as a Hangfire recurring job; the job carries no arguments.</summary>
internal sealed class ExpireLinksSchedule(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<ExpireLinksJob>("consent-expire-links", job => job.RunAsync(CancellationToken.None), "15 3 * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The sweep as a job: idempotent (a link already marked expired is not marked again).</summary>
internal sealed class ExpireLinksJob(IMediator mediator)
{
    public Task RunAsync(CancellationToken cancellationToken) => mediator.Send(new ExpireLinks(), cancellationToken);
}
