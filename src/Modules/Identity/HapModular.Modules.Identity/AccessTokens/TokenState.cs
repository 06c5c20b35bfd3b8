using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Authentication;
using Marten;
using Npgsql;

namespace HapModular.Modules.Identity.AccessTokens;

/// <summary>
/// What a presented token stands for, read live on every request (never cached: a revocation or a deactivated account
/// stops the next request on every host): the token and its account, by the token's hash — one prepared statement on
/// the unique index Marten keeps on TokenHash, instead of a Marten batch whose LINQ was translated on every frame a
/// viewer fetched. The documents are read with the store's own serializer, as Marten would.
/// </summary>
internal sealed class TokenState
{
    private readonly IdentityDataSource database;
    private readonly ISerializer serializer;
    private readonly string sql;

    public TokenState(IIdentityStore store, IdentityDataSource database)
    {
        this.database = database;
        serializer = store.Options.Serializer();
        string Table<T>() => store.Options.FindOrResolveDocumentType(typeof(T)).TableName.QualifiedName;
        sql = $"""
            SELECT t.data, a.data FROM {Table<PersonalAccessToken>()} t
            LEFT JOIN {Table<Account>()} a ON a.id = CAST(t.data ->> 'AccountId' as uuid)
            WHERE t.data ->> 'TokenHash' = $1
            """;
    }

    /// <summary>The token with this hash and its account (each null when there is none).</summary>
    public async Task<(PersonalAccessToken? Token, Account? Account)> ReadAsync(string hash, CancellationToken cancellationToken)
    {
        await using var command = database.Source.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (null, null);
        }

        return (serializer.FromJson<PersonalAccessToken>(reader, 0), reader.IsDBNull(1) ? null : serializer.FromJson<Account>(reader, 1));
    }
}
