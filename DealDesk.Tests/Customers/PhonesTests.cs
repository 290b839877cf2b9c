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
}
