using DealDesk.Data.Customers;

namespace DealDesk.Tests.Customers;

/// <summary>Phones: what people type, what is stored (E.164) and what is shown.</summary>
public sealed class PhonesTests
{
    [Theory]
    [InlineData("555-888-1212", "+15558881212")]
    [InlineData("5558881212", "+15558881212")]
    [InlineData("(555)888-1212", "+15558881212")]
    [InlineData("+1 555 888 1212", "+15558881212")]
    [InlineData("1 555 888 1212", "+15558881212")]
    [InlineData("555.888.1212", "+15558881212")]
    [InlineData(" (555) 123-4567 ", "+15551234567")]
    [InlineData("(555) 123-4567", "+15551234567")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    public void A_phone_typed_any_common_way_is_valid_and_normalized_to_E164(string typed, string e164)
    {
        Assert.True(Phones.IsValid(typed));
        Assert.Equal(e164, Phones.Normalize(typed));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("abc")]
    [InlineData("555-12345678901234")]
    [InlineData("(555) 201-334")]
    [InlineData("888-1212")] // a local number without its area code
    [InlineData("555-888-1212 ext 4")] // E.164 has no room for an extension
    [InlineData("1-800-FLOWERS")]
    [InlineData("+")]
    [InlineData("--")]
    public void Garbage_is_not_a_phone(string typed)
    {
        Assert.False(Phones.IsValid(typed));
        Assert.Throws<ArgumentException>(() => Phones.Normalize(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_phone_is_stored_as_no_phone(string? typed) => Assert.Null(Phones.Normalize(typed));

    [Theory]
    [InlineData("+15558881212", "(555) 888-1212")]
    [InlineData("(555) 123-4567", "(555) 123-4567")] // as older rows hold it
    [InlineData("555-123-4567", "(555) 123-4567")]
    [InlineData("+442079460958", "+44 20 7946 0958")]
    [InlineData("not a phone", "not a phone")] // unreadable: shown as stored
    [InlineData(null, null)]
    public void A_stored_phone_is_shown_nationally_at_home_and_internationally_otherwise(string? stored, string? shown) =>
        Assert.Equal(shown, Phones.Format(stored));

    [Fact]
    public void The_error_message_gives_a_home_and_an_international_example() =>
        Assert.Equal("Enter a phone number, e.g. (555) 123-4567 or +44 20 7946 0958.", Phones.InvalidMessage);

    [Theory]
    [InlineData("5556152028", "5556152028")]
    [InlineData("555-615", "555615")]
    [InlineData("(555) 615", "555615")]
    [InlineData("+1 555 615", "555615")] // older rows were saved without the country code
    [InlineData("+44 20", "4420")]
    public void A_search_term_reduces_to_the_digits_a_stored_phone_contains(string term, string digits) =>
        Assert.Equal(digits, Phones.SearchDigits(term));

    [Theory]
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    [InlineData("07700 900123", "GB", "+447700900123")]
    [InlineData("+1 555 888 1212", "GB", "+15558881212")]
    [InlineData("030 901820", "DE", "+4930901820")]
    [InlineData("555-888-1212", "us", "+15558881212")] // region codes in any case
    [InlineData("555-888-1212", "XX", "+15558881212")] // an unknown region is the default one
    public void A_number_without_a_plus_is_read_as_dialled_in_the_dealerships_country(string typed, string region, string e164)
    {
        Assert.True(Phones.IsValid(typed, region));
        Assert.Equal(e164, Phones.Normalize(typed, region));
    }

    [Fact]
    public void A_british_national_number_is_not_an_american_one() => Assert.False(Phones.IsValid("020 7946 0958", "US"));

    [Theory]
    [InlineData("+442079460958", "GB", "020 7946 0958")]
    [InlineData("+15558881212", "GB", "+1 555-888-1212")]
    [InlineData("(555) 123-4567", "GB", "+1 555-123-4567")] // an older row is an American number wherever it is shown
    [InlineData("+4930901820", "DE", "030 901820")]
    public void A_stored_phone_is_shown_nationally_in_its_own_country_and_internationally_elsewhere(string stored, string region, string shown) =>
        Assert.Equal(shown, Phones.Format(stored, region));

    [Theory]
    [InlineData("020 7946", "GB", "207946")] // the trunk 0 is not in the stored number
    [InlineData("+44 20 7946", "GB", "44207946")]
    [InlineData("1 555 615", "US", "1555615")] // in the US the trunk 1 is also the country code: kept
    public void A_search_term_drops_the_trunk_prefix_of_the_dealerships_country(string term, string region, string digits) =>
        Assert.Equal(digits, Phones.SearchDigits(term, region));

    [Fact]
    public void The_error_message_gives_an_example_as_the_dealerships_country_writes_it()
    {
        Assert.Equal(Phones.InvalidMessage, Phones.InvalidMessageFor("US"));
        Assert.Matches(@"^Enter a phone number, e\.g\. 0[\d ]+ or \+1 555 123 4567\.$", Phones.InvalidMessageFor("GB"));
    }
}
