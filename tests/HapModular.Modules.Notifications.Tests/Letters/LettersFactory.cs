using Autofac;
using HapModular.Modules.Identity.Contracts;
using HapModular.Modules.Notifications.Contracts;
using HapModular.Testing;
using MediatR;

namespace HapModular.Modules.Notifications.Tests.Letters;

/// <summary>
/// The host with its Hangfire server running. Identity's GetPhysicians is a double that can be told to fail (to prove
/// the retries); SendEmail is captured so the test sees what the e-mail channel was asked to send.
/// </summary>
public sealed class LettersFactory : HapAppFactory
{
    public static readonly PhysicianInfo Dupont = new(Guid.NewGuid(), "Jean", "Dupont", "18334780004", "general-practice", "dr.dupont@example.org", true);

    public FlakyPhysicians Physicians { get; } = new();

    public List<SendEmail> Emails { get; } = [];

    protected override bool RunJobs => true;

    protected override void ConfigureTestContainer(ContainerBuilder builder)
    {
        builder.RegisterInstance(Physicians).As<IRequestHandler<GetPhysicians, IReadOnlyList<PhysicianInfo>>>();
        builder.RegisterInstance(new EmailCapture(Emails)).As<IRequestHandler<SendEmail, Unit>>();
    }

    public sealed class FlakyPhysicians : IRequestHandler<GetPhysicians, IReadOnlyList<PhysicianInfo>>
    {
        private int failuresLeft;

        public int Calls;

        public void FailNext(int times) => Volatile.Write(ref failuresLeft, times);

        public Task<IReadOnlyList<PhysicianInfo>> Handle(GetPhysicians request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            if (Interlocked.Decrement(ref failuresLeft) >= 0)
            {
                throw new InvalidOperationException("Identity is not answering (test)");
            }

            return Task.FromResult<IReadOnlyList<PhysicianInfo>>(request.UserIds.Contains(Dupont.UserId) ? [Dupont] : []);
        }
    }

    private sealed class EmailCapture(List<SendEmail> emails) : IRequestHandler<SendEmail, Unit>
    {
        public Task<Unit> Handle(SendEmail request, CancellationToken cancellationToken)
        {
            lock (emails)
            {
                emails.Add(request);
            }

            return Task.FromResult(Unit.Value);
        }
    }
}
