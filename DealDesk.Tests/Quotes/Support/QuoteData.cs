using DealDesk.Data.Deals;
using DealDesk.Data.Quotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Quotes.Support;

/// <summary>Deals and quotes for the quote integration tests, made through the services as a salesperson would.</summary>
public static class QuoteData
{
    /// <summary>A new deal (demo customer, a fresh vehicle at <paramref name="price"/>) of the tenant; its active scenario is its first quote.</summary>
    public static async Task<DealResult> NewDealAsync(this AsyncServiceScope scope, TestDatabase db, DemoTenant tenant, decimal price = 30_000m,
        decimal? cost = null)
    {
        var vehicle = await DealKit.AddVehicleAsync(db, tenant.DealershipId, price);
        if (cost is { } c) await db.ExecuteAsync("UPDATE vehicles SET cost = $1 WHERE id = $2", c, vehicle);
        var customer = (await DealKit.CustomersAsync(db, tenant.DealershipId))[0];
        return await scope.Get<DealService>().CreateAsync(DealKit.Request(customer, vehicle));
    }

    /// <summary>A finance quote with one of every line (Northside: 7.25 % tax, doc fee 499), valid for the demo settings.</summary>
    public static QuotePatch FullFinance(string name = "Finance 60") => new()
    {
        Name = name, Kind = QuoteKind.Finance, Price = 30_000m, Discount = 1_000m, DownPayment = 2_000m, TermMonths = 60, Apr = 6.9m,
        Currency = "USD",
        Rebates = Optional.Of<IReadOnlyList<RebateLine>>([new RebateLine("Loyalty", 500m)]),
        TradeIns = Optional.Of<IReadOnlyList<TradeInLine>>([new TradeInLine("1HGCM82633A004352", 2018, "Honda", "Accord", 12_000m, 9_000m)]),
        Products = Optional.Of<IReadOnlyList<ProductLine>>([new ProductLine("Service contract", 1_995m, true), new ProductLine("GAP", 795m, false)]),
        Fees = Optional.Of<IReadOnlyList<FeeLine>>([new FeeLine("Doc fee", 499m, true), new FeeLine("Registration", 250m, false)]),
    };

    /// <summary>Edmunds' lease example (price 23,000, 57 % residual, MF 0.00125 over 36 months).</summary>
    public static QuotePatch Lease(string name = "Lease 36") => new()
    {
        Name = name, Kind = QuoteKind.Lease, Price = 23_000m, Discount = 3_000m, TermMonths = 36, ResidualPercent = 57m, MoneyFactor = 0.001253m,
        AnnualMiles = 12_000, Fees = Optional.Of<IReadOnlyList<FeeLine>>([]),
    };

    public static Task<long> HistoryCountAsync(TestDatabase db, Guid quoteId) =>
        db.ScalarAsync<long>("SELECT count(*) FROM quote_history WHERE quote_id = $1", quoteId);

    public static Task<long> VersionAsync(TestDatabase db, Guid quoteId) =>
        db.ScalarAsync<long>("SELECT version FROM pricing_scenarios WHERE id = $1", quoteId);
}
