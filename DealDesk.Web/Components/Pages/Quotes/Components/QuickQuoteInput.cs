using DealDesk.Data.QuickQuotes;
using DealDesk.Data.Tenancy;

namespace DealDesk.Web.Components.Pages.Quotes.Components;

/// <summary>
/// What the salesperson has typed so far. Numbers arrive already parsed (numeric fields); blanks are null, so
/// "no price" means the vehicle's price and "no down payment" means none.
/// </summary>
public sealed class QuickQuoteInput
{
    public const int DefaultTermMonths = 60;

    public string? CustomerName { get; set; }
    public string? CustomerPhone { get; set; }
    public VehicleChoice? Vehicle { get; set; }
    public decimal? Price { get; set; }
    public decimal? DownPayment { get; set; }
    public decimal? TradeInValue { get; set; }
    public int? TermMonths { get; set; } = DefaultTermMonths;
    public decimal? Apr { get; set; }

    /// <summary>An empty quote with the dealership's rate and the usual term.</summary>
    public static QuickQuoteInput Fresh(Dealership? dealership) => new() { Apr = Plain(dealership?.DefaultApr) };

    /// <summary>A saved quote's inputs, to look at it again or quote it anew. The price stays blank when it was the vehicle's own.</summary>
    public static QuickQuoteInput From(QuickQuoteSummary q, string? phoneRegion) => new()
    {
        CustomerName = q.CustomerName,
        CustomerPhone = DealDesk.Data.Customers.Phones.Format(q.CustomerPhone, phoneRegion),
        Vehicle = VehicleChoice.From(q),
        Price = q.VehicleId is not null && q.Price == q.VehiclePrice ? null : Plain(q.Price),
        DownPayment = q.DownPayment == 0 ? null : Plain(q.DownPayment),
        TradeInValue = q.TradeInValue == 0 ? null : Plain(q.TradeInValue),
        TermMonths = q.TermMonths,
        Apr = Plain(q.Apr),
    };

    /// <summary>6.9000 (numeric(7,4) from the database) as 6.9, the way it was typed.</summary>
    private static decimal? Plain(decimal? value) => value / 1.000000000000000000000000000000000m;

    /// <summary>The price the quote is for: the one typed, else the vehicle's.</summary>
    public decimal? EffectivePrice => Price ?? Vehicle?.Price;

    public QuickQuoteRequest ToRequest() => new()
    {
        CustomerName = string.IsNullOrWhiteSpace(CustomerName) ? null : CustomerName.Trim(),
        CustomerPhone = string.IsNullOrWhiteSpace(CustomerPhone) ? null : CustomerPhone.Trim(),
        VehicleId = Vehicle?.Id.ToString(),
        Price = Price,
        DownPayment = DownPayment,
        TradeInValue = TradeInValue,
        TermMonths = TermMonths,
        Apr = Apr,
    };
}
