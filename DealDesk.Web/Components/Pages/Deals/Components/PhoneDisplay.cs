namespace DealDesk.Web.Components.Pages.Deals.Components;

/// <summary>A customer's stored phone as shown and as dialled.</summary>
public static class PhoneDisplay
{
    // Integration point: data-fixes stores E.164 and brings Phones.Format for display; until it lands, as stored.
    public static string Format(string stored) => stored;

    /// <summary>What a tel: link dials: the digits and a leading +.</summary>
    public static string Dialable(string stored) =>
        new(stored.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0)).ToArray());
}
