using HapModular.Viewers;

namespace HapModular.Host.Tests;

/// <summary>ABI 1.2 (file identity, stated kind) is additive: plugins built for 1.0 and 1.1 still load; newer ones do not.</summary>
public sealed class ViewerAbiTests
{
    [Theory]
    [InlineData("1.0", true)]
    [InlineData("1.1", true)]
    [InlineData("1.2", true)]
    [InlineData("1.3", false)]
    [InlineData("2.0", false)]
    public void Older_minor_versions_of_the_same_major_are_compatible(string target, bool compatible)
    {
        Assert.Equal(new Version(1, 2), ViewerAbi.Current);
        Assert.Equal(compatible, ViewerAbi.IsCompatible(Version.Parse(target)));
    }

    [Fact]
    public void A_viewer_built_for_an_older_abi_leaves_the_new_facts_empty()
    {
        var old = new InspectionResult { Title = "t" };
        Assert.Null(old.Identity);
        Assert.Null(old.Kind);
        Assert.True(new FileIdentity().IsEmpty);
        Assert.False(new FileIdentity { BirthDate = new DateOnly(2000, 1, 1) }.IsEmpty);
    }
}
