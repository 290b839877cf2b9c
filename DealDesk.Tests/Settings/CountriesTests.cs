using DealDesk.Web.Components.Pages.Settings;

namespace DealDesk.Tests.Settings;

/// <summary>The settings page's country type-ahead: a manager finds a country by name or code and sees how its numbers look.</summary>
public class CountriesTests
{
    [Theory]
    [InlineData("united k", "GB")]
    [InlineData("germ", "DE")]
    [InlineData("gb", "GB")]
    [InlineData("United States (US)", "US")]
    public void Finds_a_country_by_name_code_or_its_own_label(string typed, string code) =>
        Assert.Contains(code, Countries.Search(typed));

    [Fact]
    public void Labels_a_code_with_its_english_name_and_keeps_an_unknown_one_as_typed()
    {
        Assert.Equal("United Kingdom (GB)", Countries.Label("gb"));
        Assert.Equal("ZZ", Countries.Label("ZZ"));
        Assert.Equal("", Countries.Label(null));
    }

    [Fact]
    public void Shows_a_national_example_number_for_the_hint()
    {
        Assert.StartsWith("0", Countries.Example("GB"));
        Assert.StartsWith("(", Countries.Example("US"));
        Assert.Null(Countries.Example("ZZ"));
    }

    [Fact]
    public void Lists_every_country_when_nothing_is_typed() =>
        Assert.True(Countries.Search("").Count() > 200);
}
