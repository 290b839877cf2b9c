namespace DealDesk.Data.Deals;

/// <summary>
/// One way of pricing a deal (finance, lease or cash). Money is numeric(12,2), rates numeric(7,4).
/// It is also the deal's quote: the quote editor's columns are in Quotes/PricingScenario.Quote.cs.
/// </summary>
public sealed partial class PricingScenario
{
    public Guid Id { get; set; }
    public Guid DealershipId { get; set; }
    public Guid DealId { get; set; }
    public required string Name { get; set; }
    public string Kind { get; set; } = ScenarioKind.Finance;
    public decimal Price { get; set; }
    public decimal DownPayment { get; set; }
    public decimal TradeInValue { get; set; }
    public decimal TradeInPayoff { get; set; }
    public int TermMonths { get; set; }
    /// <summary>Annual percentage rate, in percent (6.9 = 6.9 %).</summary>
    public decimal Apr { get; set; }
    public decimal TaxRate { get; set; }
    public decimal Fees { get; set; }
    public decimal AmountFinanced { get; set; }
    public decimal MonthlyPayment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class ScenarioKind
{
    public const string Finance = "FINANCE";
    public const string Lease = "LEASE";
    public const string Cash = "CASH";
    public static readonly string[] All = [Finance, Lease, Cash];
}
