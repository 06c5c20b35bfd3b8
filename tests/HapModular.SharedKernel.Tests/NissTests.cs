namespace HapModular.SharedKernel.Tests;

/// <summary>The test vectors of DOMAIN.md R9.</summary>
public sealed class NissTests
{
    [Theory]
    [InlineData("85073003328", "1985-07-30", NissSex.Male, false)]
    [InlineData("85.07.30-033.28", "1985-07-30", NissSex.Male, false)]
    [InlineData("17073003384", "2017-07-30", NissSex.Male, false)]
    [InlineData("00012556777", "2000-01-25", NissSex.Male, false)]
    [InlineData("79123100235", "1979-12-31", NissSex.Female, false)]
    [InlineData("98472899765", "1998-07-28", NissSex.Male, true)]
    [InlineData("01490700185", "2001-09-07", NissSex.Male, true)]
    [InlineData("85230100172", "1985-03-01", NissSex.Unknown, true)]
    public void Valid_numbers_give_their_birth_date(string input, string birth, NissSex sex, bool bis)
    {
        Assert.True(Niss.TryParse(input, out var niss, out var error), error?.ToString());
        Assert.Equal(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), niss.BirthDate);
        Assert.Equal(sex, niss.Sex);
        Assert.Equal(bis, niss.IsBis);
        Assert.Equal(11, niss.Digits.Length);
    }

    [Theory]
    [InlineData("12345678901", NissError.Checksum)]
    [InlineData("85061300179", NissError.Checksum)]
    [InlineData("85061300079", NissError.Sequence)]
    [InlineData("85061399950", NissError.Sequence)]
    [InlineData("99022900158", NissError.Date)]
    [InlineData("85131300130", NissError.Date)]
    [InlineData("8506130017", NissError.Length)]
    [InlineData("85O73003328", NissError.Length)]
    [InlineData("", NissError.Length)]
    [InlineData(null, NissError.Length)]
    public void Invalid_numbers_are_refused_with_the_reason(string? input, NissError expected)
    {
        Assert.False(Niss.TryParse(input, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void ToString_never_shows_the_number()
    {
        var niss = Niss.Parse("85073003328");
        Assert.Equal("••.••.••-•••.28", niss.ToString());
        Assert.DoesNotContain("850730", $"{niss}", StringComparison.Ordinal);
        Assert.DoesNotContain("033", niss.Masked, StringComparison.Ordinal);
    }
}
