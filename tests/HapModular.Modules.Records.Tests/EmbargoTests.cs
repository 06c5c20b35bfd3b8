using System.Net;
using HapModular.Testing;

namespace HapModular.Modules.Records.Tests;

/// <summary>R6: an embargoed category opens to external physicians once its days have passed (own host: it moves time).</summary>
public sealed class EmbargoTests(GuardFactory factory) : IClassFixture<GuardFactory>
{
    [Fact]
    public async Task The_embargo_ends_after_its_days()
    {
        var w = await GuardWorld.CreateAsync(factory, nameof(EmbargoTests));
        var url = AuthorizationMatrixTests.Url("download", w.PatientA, w.Embargoed);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().As(w.Linked).GetAsync(url)).StatusCode);
        factory.Time.Advance(TimeSpan.FromDays(31));
        factory.Decisions[(w.Linked.UserId, w.PatientA)] = GuardFactory.Link(factory.Time.GetUtcNow().AddMonths(6));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().As(w.Linked).GetAsync(url)).StatusCode);
    }
}
