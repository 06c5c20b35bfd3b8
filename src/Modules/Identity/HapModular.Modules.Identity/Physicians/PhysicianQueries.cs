using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Authentication;
using HapModular.Modules.Identity.Contracts;
using HapModular.SharedKernel;
using Marten;
using MediatR;

namespace HapModular.Modules.Identity.Physicians;

/// <summary>Physicians by id, for letters, lists and the patient's access report.</summary>
internal sealed class GetPhysiciansHandler(IIdentityStore store) : IRequestHandler<GetPhysicians, IReadOnlyList<PhysicianInfo>>
{
    public async Task<IReadOnlyList<PhysicianInfo>> Handle(GetPhysicians request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.UserIds.Count == 0)
        {
            return [];
        }

        await using var session = store.QuerySession();
        var accounts = await session.LoadManyAsync<Account>(cancellationToken, request.UserIds.Distinct());
        return accounts.Where(a => a.IsPhysician).Select(PhysicianMapping.ToInfo).ToList();
    }
}

/// <summary>R1.1: the account is approved, enrolled and not deactivated.</summary>
internal sealed class IsAccountActiveHandler(IIdentityStore store, VerifiedAccount verified) : IRequestHandler<IsAccountActive, bool>
{
    public async Task<bool> Handle(IsAccountActive request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (verified.ActiveId == request.UserId)
        {
            // Read active by this very request's authentication (see VerifiedAccount).
            return true;
        }

        await using var session = store.QuerySession();
        var account = await session.LoadAsync<Account>(request.UserId, cancellationToken);
        return account?.Status == AccountStatus.Active;
    }
}

/// <summary>The physician whose INAMI identity (digits 1–8) matches, whatever the qualification digits.</summary>
internal sealed class FindPhysicianByInamiHandler(IIdentityStore store) : IRequestHandler<FindPhysicianByInami, PhysicianInfo?>
{
    public async Task<PhysicianInfo?> Handle(FindPhysicianByInami request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var digits = new string((request.Inami ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        var identity = digits.Length == 8 ? digits : Inami.TryParse(digits, out var inami, out _) ? inami.Identity : null;
        if (identity is null)
        {
            return null;
        }

        await using var session = store.QuerySession();
        var accounts = await session.Query<Account>().Where(a => a.InamiIdentity == identity).ToListAsync(cancellationToken);
        var best = accounts.Where(a => a.IsPhysician).OrderByDescending(a => a.Status == AccountStatus.Active).ThenByDescending(a => a.CreatedAt).FirstOrDefault();
        return best is null || best.Status is AccountStatus.Requested or AccountStatus.Rejected ? null : PhysicianMapping.ToInfo(best);
    }
}

internal static class PhysicianMapping
{
    public static PhysicianInfo ToInfo(Account a) =>
        new(a.Id, a.FirstName, a.LastName, a.Inami ?? string.Empty, a.Specialty, a.Email, a.Status == AccountStatus.Active);
}
