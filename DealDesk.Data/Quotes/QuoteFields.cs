namespace DealDesk.Data.Quotes;

/// <summary>
/// The quote's field names as the JSON API, the history (<see cref="QuoteHistoryEntry.Changes"/>), conflict details and
/// quote.saved notifications name them, in the editor's order.
/// </summary>
public static class QuoteFields
{
    public const string Name = "name";
    public const string Kind = "kind";
    public const string Price = "price";
    public const string Discount = "discount";
    public const string DownPayment = "downPayment";
    public const string TermMonths = "termMonths";
    public const string Apr = "apr";
    public const string ResidualPercent = "residualPercent";
    public const string MoneyFactor = "moneyFactor";
    public const string AnnualMiles = "annualMiles";
    public const string DueAtSigning = "dueAtSigning";
    public const string Rebates = "rebates";
    public const string TradeIns = "tradeIns";
    public const string Products = "products";
    public const string Fees = "fees";
    public const string Currency = "currency";
    public const string ExpiresAt = "expiresAt";
    public const string State = "state";

    public static readonly IReadOnlyList<string> All =
    [
        Name, Kind, Price, Discount, DownPayment, TermMonths, Apr, ResidualPercent, MoneyFactor, AnnualMiles, DueAtSigning,
        Rebates, TradeIns, Products, Fees, Currency, ExpiresAt, State,
    ];

    /// <summary>Distinct names in <see cref="All"/>'s order (unknown names last, as given).</summary>
    public static IReadOnlyList<string> Ordered(IEnumerable<string> fields)
    {
        var set = fields.ToHashSet(StringComparer.Ordinal);
        return [.. All.Where(set.Contains), .. set.Except(All).Order(StringComparer.Ordinal)];
    }
}
