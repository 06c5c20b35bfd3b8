using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Storage;
using Marten;
using MediatR;

namespace HapModular.Modules.Consent.History;

/// <summary>Reads the raw events of every stream of a patient (found through the projections) into one list.</summary>
internal sealed class GetConsentHistoryHandler(IConsentStore store) : IRequestHandler<GetConsentHistory, IReadOnlyList<ConsentHistoryEntry>>
{
    public async Task<IReadOnlyList<ConsentHistoryEntry>> Handle(GetConsentHistory request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var links = await session.Query<TherapeuticLink>().Where(l => l.PatientId == request.PatientId).ToListAsync(cancellationToken);
        var exclusions = await session.Query<Exclusion>().Where(x => x.PatientId == request.PatientId).ToListAsync(cancellationToken);
        var grants = await session.Query<EmergencyGrant>().Where(g => g.PatientId == request.PatientId).ToListAsync(cancellationToken);
        var names = links.ToDictionary(l => l.Id, l => l.PhysicianName);
        foreach (var (id, name) in grants.Select(g => (g.Id, g.PhysicianName)).Concat(exclusions.Select(x => (x.Id, x.PhysicianName ?? x.InamiIdentity))))
        {
            names[id] = name;
        }

        var streamIds = links.Select(l => l.Id).Concat(exclusions.Select(x => x.Id)).Concat(grants.Select(g => g.Id)).Append(StreamIds.Consent(request.PatientId)).ToArray();
        // One query, in the order the events were recorded (global sequence).
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(streamIds))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        var linkTypes = links.ToDictionary(l => l.Id, l => (string?)l.LinkType);
        var entries = new List<ConsentHistoryEntry>(events.Count);
        foreach (var e in events)
        {
            if (e.Data is LinkDeclared d)
            {
                linkTypes[e.StreamId] = d.LinkType;
            }

            if (HistoryEntries.From(e, names.GetValueOrDefault(e.StreamId), linkTypes.GetValueOrDefault(e.StreamId)) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }
}
