using DealDesk.Data.Quotes;

namespace DealDesk.Tests.Quotes;

/// <summary>Quotes for the unit tests: plain numbers, so each figure can be checked by hand.</summary>
static class QuoteKit
{
    public static readonly QuoteTaxRules NoTax = new(0m);
    public static readonly QuoteTaxRules Tax725 = new(0.0725m);
    public static readonly QuoteTaxRules Tax725NoTradeCredit = new(0.0725m, TradeInReducesTaxable: false);
    public static readonly string[] Currencies = ["USD", "CAD"];

    public static QuoteInput Finance(decimal price = 25_000m, int term = 60, decimal apr = 6.9m) => new()
    {
        Kind = QuoteKind.Finance, Price = price, TermMonths = term, Apr = apr, Currency = "USD",
    };

    /// <summary>Edmunds' example: price 23,000 at 57 % residual = 13,110; selling 20,000; 36 months at MF 0.00125.</summary>
    public static QuoteInput Lease(decimal price = 23_000m, decimal discount = 3_000m) => new()
    {
        Kind = QuoteKind.Lease, Price = price, Discount = discount, TermMonths = 36, ResidualPercent = 57m, MoneyFactor = 0.00125m,
        AnnualMiles = 12_000, Currency = "USD",
    };

    public static QuoteInput Cash(decimal price = 30_000m) => new() { Kind = QuoteKind.Cash, Price = price, Currency = "USD" };

    /// <summary>A finance quote with one of every line: each rule test breaks exactly one thing in it.</summary>
    public static QuoteInput FullFinance() => Finance(30_000m) with
    {
        Discount = 1_000m,
        DownPayment = 2_000m,
        Rebates = [new RebateLine("Loyalty", 500m)],
        TradeIns = [new TradeInLine("1HGCM82633A004352", 2018, "Honda", "Accord", 12_000m, 9_000m)],
        Products = [new ProductLine("Service contract", 1_995m, true), new ProductLine("GAP", 795m, false)],
        Fees = [new FeeLine("Doc fee", 499m, true), new FeeLine("Registration", 250m, false)],
    };

    public static QuoteValidator Validator(QuoteTaxRules? rules = null) => new(rules ?? Tax725, Currencies);
}
