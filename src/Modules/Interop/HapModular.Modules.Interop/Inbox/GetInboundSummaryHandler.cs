using HapModular.Modules.Interop.Contracts;
using MediatR;

namespace HapModular.Modules.Interop.Inbox;

internal sealed class GetInboundSummaryHandler(InboxStore inbox) : IRequestHandler<GetInboundSummary, IReadOnlyList<InboundSourceCounts>>
{
    public async Task<IReadOnlyList<InboundSourceCounts>> Handle(GetInboundSummary request, CancellationToken cancellationToken)
    {
        var counts = await inbox.CountAsync(cancellationToken);
        int Of(string source, string status) => counts.GetValueOrDefault((source, status));
        return InboundSources.All.Select(s => new InboundSourceCounts(
            s,
            counts.Where(c => c.Key.Source == s).Sum(c => c.Value),
            Of(s, InboundStatus.Filed),
            Of(s, InboundStatus.Held),
            Of(s, InboundStatus.Refused),
            Of(s, InboundStatus.Dead))).ToList();
    }
}
