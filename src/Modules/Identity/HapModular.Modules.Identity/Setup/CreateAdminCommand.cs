using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using HapModular.Modules.Identity.Enrolment;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Identity.Setup;

/// <summary>
/// <c>HapModular.Host create-admin EMAIL [FIRST] [LAST]</c>: the first administrator of a new installation. Prints a
/// one-time enrolment link (password + authenticator) on the console; no password ever goes through configuration.
/// </summary>
internal sealed class CreateAdminCommand : IHostCommand
{
    public string Name => "create-admin";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count < 1 || !System.Net.Mail.MailAddress.TryCreate(arguments[0], out _))
        {
            await Console.Error.WriteLineAsync("usage: create-admin EMAIL [FIRST-NAME] [LAST-NAME]");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var time = provider.GetRequiredService<TimeProvider>();
        await using var session = provider.GetRequiredService<IIdentityStore>().LightweightSession();
        var email = arguments[0].Trim().ToLowerInvariant();
        var account = await session.Query<Account>().FirstOrDefaultAsync(a => a.Email == email, cancellationToken);
        if (account is { Status: AccountStatus.Active })
        {
            await Console.Error.WriteLineAsync("An active account already uses this e-mail address.");
            return 1;
        }

        account ??= new Account { Id = Guid.NewGuid(), Email = email, CreatedAt = time.GetUtcNow() };
        account.FirstName = arguments.Count > 1 ? arguments[1] : "Admin";
        account.LastName = arguments.Count > 2 ? arguments[2] : string.Empty;
        account.Roles = [Roles.Admin];
        account.Status = AccountStatus.Enrolling;
        session.Store(account);
        var (link, _, expires) = provider.GetRequiredService<AccountLinks>().Issue(session, account, TokenPurpose.Enrolment);
        await session.SaveChangesAsync(cancellationToken);
        await provider.GetRequiredService<SecurityAudit>().RecordAsync("account-create", AuditOutcome.Allowed, reason: $"account {account.Id} role {Roles.Admin} (create-admin command)", cancellationToken: cancellationToken);
        Console.WriteLine($"Administrator {email}: open this link once, before {expires:u}, to choose a password and enrol an authenticator:");
        Console.WriteLine(link);
        return 0;
    }
}
