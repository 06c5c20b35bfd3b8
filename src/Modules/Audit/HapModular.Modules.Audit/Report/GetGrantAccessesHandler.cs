using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Audit.Storage;
using MediatR;

namespace HapModular.Modules.Audit.Report;

/// <summary>The physician's audit records under one link or grant, oldest first (for the DPO's emergency review).</summary>
internal sealed class GetGrantAccessesHandler(AuditDatabase database) : IRequestHandler<GetGrantAccesses, IReadOnlyList<AuditedAccess>>
{
    public async Task<IReadOnlyList<AuditedAccess>> Handle(GetGrantAccesses request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var command = database.DataSource.CreateCommand(
            """
            SELECT at, action, outcome, document_id, document_title FROM audit.records
            WHERE link_or_grant_id = @g AND actor_inami IS NOT NULL ORDER BY seq LIMIT 500
            """);
        command.Parameters.AddWithValue("g", request.LinkOrGrantId);
        var accesses = new List<AuditedAccess>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accesses.Add(new AuditedAccess(
                reader.GetFieldValue<DateTimeOffset>(0),
                reader.GetString(1),
                Enum.Parse<AuditOutcome>(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetGuid(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return accesses;
    }
}
