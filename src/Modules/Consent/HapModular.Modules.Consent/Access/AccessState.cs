using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Storage;
using Marten;
using Npgsql;

namespace HapModular.Modules.Consent.Access;

/// <summary>
/// The inline projections R1 is decided from, read live on every check (never cached: a revocation, an exclusion or a
/// withdrawn consent on one host applies on every host at the next request): the patient's consent, the link, the
/// exclusion and the physician's emergency grants, in ONE prepared statement with positional parameters, each document
/// deserialised by the store's own serializer. A Marten batch of three loads and a LINQ query cost several times the
/// process CPU (the query's translation, the batch, its resilience pipeline) for the same four reads.
/// </summary>
internal sealed class AccessState
{
    private readonly ConsentDatabase database;
    private readonly ISerializer serializer;
    private readonly string sql;

    public AccessState(IConsentStore store, ConsentDatabase database)
    {
        this.database = database;
        serializer = store.Options.Serializer();
        string Table<T>() => store.Options.FindOrResolveDocumentType(typeof(T)).TableName.QualifiedName;
        // The grants' filter is the computed index Marten keeps on PatientId (ConsentModule); expiry is checked below.
        // The five ids as one uuid[] (a null element reads nothing): one Npgsql parameter instead of five, a fifth of a
        // kilobyte each on every guarded request (issue 15).
        sql = $"""
            SELECT (SELECT data FROM {Table<PatientConsent>()} WHERE id = $1[1]),
                   (SELECT data FROM {Table<TherapeuticLink>()} WHERE id = $1[2]),
                   (SELECT data FROM {Table<Exclusion>()} WHERE id = $1[3]),
                   (SELECT jsonb_agg(data) FROM {Table<EmergencyGrant>()}
                    WHERE CAST(data ->> 'PatientId' as uuid) = $1[4] AND CAST(data ->> 'PhysicianUserId' as uuid) = $1[5])
            """;
    }

    /// <summary>The four reads; <paramref name="exclusionId"/> null reads no exclusion (an INAMI that does not parse).</summary>
    public async Task<(PatientConsent? Consent, TherapeuticLink? Link, Exclusion? Exclusion, List<EmergencyGrant> Grants)> ReadAsync(
        Guid consentId, Guid linkId, Guid? exclusionId, Guid patientId, Guid physicianUserId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<Guid?[]> { TypedValue = [consentId, linkId, exclusionId, patientId, physicianUserId] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (
            reader.IsDBNull(0) ? null : serializer.FromJson<PatientConsent>(reader, 0),
            reader.IsDBNull(1) ? null : serializer.FromJson<TherapeuticLink>(reader, 1),
            reader.IsDBNull(2) ? null : serializer.FromJson<Exclusion>(reader, 2),
            reader.IsDBNull(3) ? [] : serializer.FromJson<List<EmergencyGrant>>(reader, 3));
    }
}
