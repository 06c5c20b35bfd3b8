using System.Collections.Concurrent;
using Autofac;
using HapModular.Modules.Identity.Contracts;
using HapModular.Testing;
using MediatR;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// The host with Consent's REAL <c>CheckAccess</c>, header authentication, and the <see cref="MatrixWorld"/> built
/// once through Consent's real pages. Only Identity's <see cref="IsAccountActive"/> is a double: the tests cannot
/// create verified, two-factor-enrolled accounts without Identity's internals, so every physician of the world is
/// active except those in <see cref="InactiveAccounts"/>.
/// </summary>
public sealed class MatrixFactory : HapAppFactory
{
    internal ConcurrentDictionary<Guid, bool> InactiveAccounts { get; } = new();

    internal MatrixWorld World { get; private set; } = null!;

    protected override bool UseTestAuthentication => true;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Records:Embargo:genetics", "30")];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        World = await MatrixWorld.CreateAsync(this);
    }

    protected override void ConfigureTestContainer(ContainerBuilder builder) =>
        builder.RegisterInstance(new Accounts(InactiveAccounts)).As<IRequestHandler<IsAccountActive, bool>>();

    private sealed class Accounts(ConcurrentDictionary<Guid, bool> inactive) : IRequestHandler<IsAccountActive, bool>
    {
        public Task<bool> Handle(IsAccountActive request, CancellationToken cancellationToken) => Task.FromResult(!inactive.ContainsKey(request.UserId));
    }
}
