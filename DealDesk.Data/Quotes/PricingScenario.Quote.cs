using DealDesk.Data.Quotes;

namespace DealDesk.Data.Deals;

/// <summary>
/// The quote editor's part of a pricing scenario (a quote IS a scenario: its id is the scenario id). The scenario's
/// own columns keep their meaning for the deal pages: <see cref="Price"/>, <see cref="DownPayment"/>,
/// <see cref="TermMonths"/>, <see cref="Apr"/> are inputs; <see cref="TradeInValue"/>/<see cref="TradeInPayoff"/> and
/// <see cref="Fees"/> are the sums of the lines; <see cref="TaxRate"/> is the rate the figures were computed with,
/// <see cref="AmountFinanced"/>/<see cref="MonthlyPayment"/> (0 for cash) are figures. Term and APR always hold a
/// value (the dealership's defaults when a quote never had one), so switching a cash quote to finance loses nothing.
/// </summary>
public sealed partial class PricingScenario
{
    public decimal Discount { get; set; }
    public decimal? ResidualPercent { get; set; }
    /// <summary>numeric(8,6): money factors have six decimals (0.001250); numeric(7,4) would round them.</summary>
    public decimal? MoneyFactor { get; set; }
    public int? AnnualMiles { get; set; }
    /// <summary>Lease input: the cash handed over at signing, when given instead of a down payment.</summary>
    public decimal? DueAtSigning { get; set; }
    public string Currency { get; set; } = "USD";
    /// <summary>The dealership's trade-in tax rule the figures were computed with (with <see cref="TaxRate"/>), so a re-read gives the same figures.</summary>
    public bool TradeInReducesTaxable { get; set; } = true;

    // Figures, computed by QuoteCalculator on every save and never taken from a client.
    public decimal TaxableAmount { get; set; }
    public decimal Tax { get; set; }
    public decimal TotalOfPayments { get; set; }
    public decimal TotalCost { get; set; }
    /// <summary>Selling price − the vehicle's cost; null while the cost is unknown.</summary>
    public decimal? FrontGross { get; set; }

    /// <summary>As stored (see <see cref="QuoteState"/>); DRAFT and SENT read as EXPIRED once <see cref="ExpiresAt"/> has passed.</summary>
    public string State { get; set; } = QuoteState.Draft;
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>1 when created, + 1 on every save and transition: the optimistic lock (and an EF concurrency token).</summary>
    public long Version { get; set; } = 1;
    public Guid LastModifiedBy { get; set; }
    public DateTimeOffset LastModifiedAt { get; set; }

    /// <summary>Rebates, trade-ins, F&amp;I products and fees, in <see cref="QuoteLine.Position"/> order per kind.</summary>
    public List<QuoteLine> Lines { get; set; } = [];
    /// <summary>Only for inserting a new quote's first entry with it; read history through QuoteQueries.</summary>
    public List<QuoteHistoryEntry> History { get; set; } = [];
}
