using DealDesk.Data.Deals;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Deals;

/// <summary>
/// The deals list's read side against a real database: each row carries its active scenario's price and payment
/// (none yet for a blank deal), "Mine" is a salesperson filter, and every sortable column sorts in SQL both ways.
/// </summary>
public sealed class DealListQueryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    /// <summary>A deal for a new customer named after <paramref name="tag"/>, on a new vehicle at <paramref name="price"/> (or none).</summary>
    async Task<DealResult> DealAsync(Guid salespersonId, string tag, decimal? price, string first = "Mira")
    {
        var demo = await Db.DemoAsync();
        Guid? vehicle = price is { } p ? await DealKit.AddVehicleAsync(Db, demo.North.DealershipId, price: p) : null;
        await using var scope = Db.CreateScope(demo.North.DealershipId, salespersonId);
        return await scope.Get<DealService>().CreateAsync(new CreateDealRequest
        {
            CustomerData = DealKit.NewCustomer(last: tag, first: first), VehicleId = vehicle?.ToString(),
        });
    }

    async Task<IReadOnlyList<DealSummary>> ListAsync(DealSearch search)
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);
        return (await scope.Get<DealQueries>().ListAsync(search)).Items;
    }

    static string Tag() => "Lq" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Each_row_carries_the_active_scenarios_price_and_payment_and_a_blank_deal_has_no_payment_yet()
    {
        var demo = await Db.DemoAsync();
        var tag = Tag();
        var priced = await DealAsync(demo.North.Sales1Id, tag, 27_500m);
        var blank = await DealAsync(demo.North.Sales1Id, tag, null);

        var rows = (await ListAsync(new DealSearch(Query: tag))).ToDictionary(r => r.Id);

        Assert.Equal((27_500m, priced.Scenario.MonthlyPayment, demo.North.Sales1Id),
            (rows[priced.Deal.Id].Price, rows[priced.Deal.Id].MonthlyPayment, rows[priced.Deal.Id].SalespersonId));
        Assert.NotNull(rows[priced.Deal.Id].MonthlyPayment);
        Assert.Equal((0m, (decimal?)null), (rows[blank.Deal.Id].Price, rows[blank.Deal.Id].MonthlyPayment));
    }

    [Fact]
    public async Task A_salesperson_filter_lists_only_that_salespersons_deals()
    {
        var demo = await Db.DemoAsync();
        var tag = Tag();
        var mine = await DealAsync(demo.North.Sales1Id, tag, null);
        await DealAsync(demo.North.Sales2Id, tag, null);

        var rows = await ListAsync(new DealSearch(Query: tag, SalespersonId: demo.North.Sales1Id));

        Assert.Equal(mine.Deal.Id, Assert.Single(rows).Id);
        Assert.Equal(2, (await ListAsync(new DealSearch(Query: tag))).Count);
    }

    [Theory]
    [InlineData(DealSort.Price)]
    [InlineData(DealSort.Payment)]
    public async Task Sorting_by_price_or_payment_goes_both_ways_with_unpriced_deals_last(string sort)
    {
        var demo = await Db.DemoAsync();
        var tag = Tag();
        var cheap = await DealAsync(demo.North.Sales1Id, tag, 18_000m, "Cheap");
        var dear = await DealAsync(demo.North.Sales1Id, tag, 41_000m, "Dear");
        var blank = await DealAsync(demo.North.Sales1Id, tag, null, "Blank");

        var up = await ListAsync(new DealSearch(Query: tag, Sort: sort, Descending: false));
        var down = await ListAsync(new DealSearch(Query: tag, Sort: sort, Descending: true));

        Assert.Equal([cheap.Deal.Id, dear.Deal.Id, blank.Deal.Id], up.Select(r => r.Id));
        Assert.Equal([dear.Deal.Id, cheap.Deal.Id, blank.Deal.Id], down.Select(r => r.Id));
    }

    [Theory]
    [InlineData(DealSort.Number)]
    [InlineData(DealSort.Customer)]
    [InlineData(DealSort.Created)]
    public async Task Sorting_by_number_customer_or_creation_reverses_with_the_direction(string sort)
    {
        var demo = await Db.DemoAsync();
        var tag = Tag();
        var first = await DealAsync(demo.North.Sales1Id, tag, null, "Anna");
        var second = await DealAsync(demo.North.Sales1Id, tag, null, "Bert");

        var up = await ListAsync(new DealSearch(Query: tag, Sort: sort, Descending: false));
        var down = await ListAsync(new DealSearch(Query: tag, Sort: sort, Descending: true));

        Assert.Equal([first.Deal.Id, second.Deal.Id], up.Select(r => r.Id));
        Assert.Equal([second.Deal.Id, first.Deal.Id], down.Select(r => r.Id));
    }
}
