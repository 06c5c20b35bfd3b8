using System.Globalization;
using HapModular.Modules.Identity.Accounts;
using Npgsql;

namespace HapModular.Modules.Identity.Authentication;

/// <summary>
/// What the session check reads on every request, live from the database (never cached: a deactivation, a password
/// change or a sign-out on one host ends the session on every host at its next request): the account's status and
/// security stamp, and whether the ticket is revoked — one prepared statement (positional parameters, no named-parameter
/// rewriting) instead of a Marten batch loading and deserialising the whole account document.
/// </summary>
internal sealed class SessionState
{
    private readonly IdentityDataSource database;
    private readonly string sql;

    public SessionState(IIdentityStore store, IdentityDataSource database)
    {
        this.database = database;
        var accounts = store.Options.FindOrResolveDocumentType(typeof(Account)).TableName.QualifiedName;
        var revoked = store.Options.FindOrResolveDocumentType(typeof(RevokedTicket)).TableName.QualifiedName;
        // The document's JSON as Marten writes it (property names as declared, as AuthenticateAccessToken's query reads them).
        sql = $"""
            SELECT a.data ->> 'Status', a.data ->> 'SecurityStamp', EXISTS (SELECT 1 FROM {revoked} r WHERE r.id = $2)
            FROM {accounts} a WHERE a.id = $1
            """;
    }

    /// <summary>The account's status and stamp (null when there is no such account) and whether <paramref name="ticket"/> is revoked.</summary>
    public async Task<(AccountStatus? Status, string? Stamp, bool Revoked)> ReadAsync(Guid accountId, string ticket, CancellationToken cancellationToken)
    {
        await using var command = database.Source.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = accountId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ticket });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (null, null, false);
        }

        var status = reader.IsDBNull(0) ? null : StatusOf(reader.GetString(0));
        return (status, reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetBoolean(2));
    }

    // Marten stores enums as their number by default; a name is read too, so a serializer setting never opens a session.
    private static AccountStatus? StatusOf(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? (AccountStatus)number
        : Enum.TryParse<AccountStatus>(text, ignoreCase: false, out var named) ? named
        : null;
}
