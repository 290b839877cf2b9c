namespace DealDesk.Data.Quotes;

/// <summary>
/// What the quote editor (or an API client) sends. Money is in the quote's currency, in whole cents; rates in
/// percent (<see cref="Apr"/> 6.9 = 6.9 %, <see cref="ResidualPercent"/> 58 = 58 % of <see cref="Price"/>).
/// Fields that do not apply to <see cref="Kind"/> (a lease's money factor on a finance quote, ...) are ignored by
/// the maths and only range-checked when given, so switching the kind in the editor loses nothing.
/// </summary>
public sealed record QuoteInput
{
    /// <summary><see cref="QuoteKind"/>: FINANCE, LEASE or CASH.</summary>
    public string? Kind { get; init; }
    /// <summary>The vehicle's price before the dealer discount (a lease's residual is a percentage of it).</summary>
    public decimal Price { get; init; }
    /// <summary>Dealer discount; selling price = price − discount.</summary>
    public decimal Discount { get; init; }
    /// <summary>Cash down (a lease's cash capitalized-cost reduction).</summary>
    public decimal DownPayment { get; init; }
    public int? TermMonths { get; init; }
    public decimal? Apr { get; init; }
    public decimal? ResidualPercent { get; init; }
    /// <summary>Lease money factor (0.00125 ≈ 3 % APR: APR = MF × 2400).</summary>
    public decimal? MoneyFactor { get; init; }
    public int? AnnualMiles { get; init; }
    /// <summary>
    /// Lease only, optional: the cash the customer hands over at signing. When given, it pays the first month and
    /// the rest becomes the down payment (the cap cost reduction); <see cref="DownPayment"/> must then be 0.
    /// </summary>
    public decimal? DueAtSigning { get; init; }
    public IReadOnlyList<RebateLine> Rebates { get; init; } = [];
    public IReadOnlyList<TradeInLine> TradeIns { get; init; } = [];
    public IReadOnlyList<ProductLine> Products { get; init; } = [];
    public IReadOnlyList<FeeLine> Fees { get; init; } = [];
    /// <summary>ISO 4217 code; one of the dealership's allowed currencies.</summary>
    public string? Currency { get; init; }
    /// <summary>Days the quote stays valid once created (1–90).</summary>
    public int ExpiresInDays { get; init; } = QuoteStates.DefaultExpiryDays;
    /// <summary>
    /// Totals an API client computed itself, optional. Each one given must equal the server's figure to the cent,
    /// or the request fails with ITEMS_INCONSISTENT: the server never stores totals it did not compute.
    /// </summary>
    public QuoteTotals? Expected { get; init; }
}

/// <summary>Totals as a client believes them; null means "not sent".</summary>
public sealed record QuoteTotals
{
    public decimal? TaxableAmount { get; init; }
    public decimal? Tax { get; init; }
    public decimal? AmountFinanced { get; init; }
    public decimal? MonthlyPayment { get; init; }
    public decimal? TotalOfPayments { get; init; }
    public decimal? TotalCost { get; init; }
    public decimal? DueAtSigning { get; init; }
}
