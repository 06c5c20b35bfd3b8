using Autofac;
using HapModular.Modules.Identity.Contracts;
using HapModular.Testing;
using MediatR;

namespace HapModular.Modules.Consent.Tests;

/// <summary>
/// The real host on its own database. Identity's <see cref="IsAccountActive"/> is answered by a test double (every
/// account active except those in <see cref="InactiveAccounts"/>) until the Identity module lands.
/// </summary>
public class ConsentFactory : HapAppFactory
{
    public HashSet<Guid> InactiveAccounts { get; } = [];

    protected override void ConfigureTestContainer(ContainerBuilder builder) =>
        builder.RegisterInstance(new AccountsDouble(InactiveAccounts)).As<IRequestHandler<IsAccountActive, bool>>();

    private sealed class AccountsDouble(HashSet<Guid> inactive) : IRequestHandler<IsAccountActive, bool>
    {
        public Task<bool> Handle(IsAccountActive request, CancellationToken cancellationToken) => Task.FromResult(!inactive.Contains(request.UserId));
    }
}
