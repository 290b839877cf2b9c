using DealDesk.Data.Customers;

namespace DealDesk.Web.Components.Pages.Deals.Components;

/// <summary>A customer's stored phone (E.164, or as typed on older rows) as shown and as dialled.</summary>
public static class PhoneDisplay
{
    /// <summary>"(555) 123-4567" at home (<paramref name="region"/>, the dealership's country), "+44 20 7946 0958" abroad.</summary>
    public static string Format(string stored, string? region) => Phones.Format(stored, region);

    /// <summary>What a tel: link dials: the digits and a leading +.</summary>
    public static string Dialable(string stored) =>
        new(stored.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0)).ToArray());
}
