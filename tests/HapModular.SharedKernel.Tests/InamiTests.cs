namespace HapModular.SharedKernel.Tests;

/// <summary>The INAMI test vectors of DOMAIN.md R9.</summary>
public sealed class InamiTests
{
    [Theory]
    [InlineData("18334780004", "18334780", "004")]
    [InlineData("10000106003", "10000106", "003")]
    [InlineData("12345625004", "12345625", "004")]
    [InlineData("15432106000", "15432106", "000")]
    [InlineData("1-83347-80-004", "18334780", "004")]
    public void Valid_numbers_split_into_identity_and_qualification(string input, string identity, string qualification)
    {
        Assert.True(Inami.TryParse(input, out var inami, out var error), error?.ToString());
        Assert.Equal(identity, inami.Identity);
        Assert.Equal(qualification, inami.Qualification);
    }

    [Theory]
    [InlineData("18334781004", InamiError.Checksum)]
    [InlineData("10000197003", InamiError.Checksum)]
    [InlineData("1834780004", InamiError.Length)]
    [InlineData("abc", InamiError.Length)]
    public void Invalid_numbers_are_refused(string input, InamiError expected)
    {
        Assert.False(Inami.TryParse(input, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void A_valid_checksum_with_another_profession_digit_is_not_a_physician()
    {
        // first6 = 200000 → 97 - (200000 mod 97) = 14.
        Assert.False(Inami.TryParse("20000014000", out _, out var error));
        Assert.Equal(InamiError.NotAPhysician, error);
    }

    [Fact]
    public void The_same_person_keeps_the_identity_when_the_qualification_changes()
    {
        Assert.Equal(Inami.Parse("18334780004").Identity, Inami.Parse("18334780000").Identity);
    }
}
