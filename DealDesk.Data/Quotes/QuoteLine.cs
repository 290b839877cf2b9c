namespace DealDesk.Data.Quotes;

/// <summary>
/// One line of a quote, in table quote_lines: a rebate (name, amount), a trade-in (VIN, year/make/model, amount =
/// allowance, payoff), an F&amp;I product (name, amount = price, taxable) or a fee (name, amount, taxable). Keyed by
/// quote, kind and position: a save that changes a kind's lines replaces them all.
/// </summary>
public sealed class QuoteLine
{
    public Guid DealershipId { get; set; }
    public Guid QuoteId { get; set; }
    public string Kind { get; set; } = QuoteLineKind.Fee;
    public int Position { get; set; }
    public string? Name { get; set; }
    public decimal Amount { get; set; }
    public bool Taxable { get; set; }
    public decimal? Payoff { get; set; }
    public string? Vin { get; set; }
    public int? Year { get; set; }
    public string? Make { get; set; }
    public string? Model { get; set; }
}

public static class QuoteLineKind
{
    public const string Rebate = "REBATE";
    public const string TradeIn = "TRADE_IN";
    public const string Product = "PRODUCT";
    public const string Fee = "FEE";
}
