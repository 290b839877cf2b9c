namespace DealDesk.Data.Quotes;

/// <summary>
/// The dealership's tax settings for a quote. <see cref="TaxRate"/> is a fraction (0.0725 = 7.25 %), as
/// <c>dealerships.default_tax_rate</c> stores it. <see cref="TradeInReducesTaxable"/>: the trade-in allowance is
/// deducted from the vehicle's taxable amount (most US states do this).
/// </summary>
public sealed record QuoteTaxRules(decimal TaxRate, bool TradeInReducesTaxable = true)
{
    public static readonly QuoteTaxRules None = new(0m);
}
