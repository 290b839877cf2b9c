namespace DealDesk.Data.Quotes;

/// <summary>
/// The server's figures for a quote (see <see cref="QuoteCalculator"/> for the formulas and rounding points).
/// Every amount is in whole cents except <see cref="AprEquivalent"/>, a rate in percent.
/// </summary>
public sealed record QuoteFigures
{
    public required string Kind { get; init; }
    /// <summary>Price − discount.</summary>
    public decimal SellingPrice { get; init; }
    public decimal RebatesTotal { get; init; }
    public decimal TradeInAllowance { get; init; }
    /// <summary>Σ (allowance − payoff) over the trade-ins; negative when the customer owes more than they are worth.</summary>
    public decimal TradeEquity { get; init; }
    public decimal ProductsTotal { get; init; }
    public decimal FeesTotal { get; init; }
    /// <summary>Finance/cash: the amount the sales tax is on. Lease: the taxed base payments over the term.</summary>
    public decimal TaxableAmount { get; init; }
    /// <summary>Finance/cash: sales tax. Lease: the tax on all payments (<see cref="MonthlyTax"/> × term).</summary>
    public decimal Tax { get; init; }
    /// <summary>
    /// The most the down payment can be. Finance/cash: what the customer owes before the down payment. Lease: the
    /// capitalized cost after rebates and trade-in above the residual value (the depreciation left to pay).
    /// </summary>
    public decimal AmountDue { get; init; }
    /// <summary>The cash down the figures use (for a lease given <see cref="QuoteInput.DueAtSigning"/>, the part of it left after the first payment).</summary>
    public decimal DownPayment { get; init; }
    /// <summary>Finance: amount due − down payment. Lease: the adjusted capitalized cost. Cash: 0.</summary>
    public decimal AmountFinanced { get; init; }
    /// <summary>Null for cash.</summary>
    public decimal? MonthlyPayment { get; init; }
    public decimal TotalOfPayments { get; init; }
    /// <summary>What the customer pays over the deal, net of trade-in equity: down payment + total of payments (cash: the amount due).</summary>
    public decimal TotalCost { get; init; }
    /// <summary>Cash the customer pays at signing: finance the down payment, lease the down payment + first payment, cash the total.</summary>
    public decimal DueAtSigning { get; init; }
    /// <summary>Selling price − vehicle cost, when the cost is known.</summary>
    public decimal? FrontGross { get; init; }

    // Lease only (null otherwise).
    public decimal? ResidualValue { get; init; }
    public decimal? GrossCapCost { get; init; }
    public decimal? CapCostReduction { get; init; }
    public decimal? AdjustedCapCost { get; init; }
    public decimal? Depreciation { get; init; }
    public decimal? RentCharge { get; init; }
    /// <summary>Depreciation + rent charge, before tax.</summary>
    public decimal? BasePayment { get; init; }
    public decimal? MonthlyTax { get; init; }
    /// <summary>Money factor × 2400, in percent (not rounded).</summary>
    public decimal? AprEquivalent { get; init; }
}
