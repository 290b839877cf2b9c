using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Pricing;
using DealDesk.Data.QuickQuotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Deals;

/// <summary>
/// A down payment larger than the amount due is refused where the numbers are known (after the vehicle's
/// price and the dealership's tax and fees are filled in), in deals and quick quotes alike.
/// Northside: tax 7.25 %, doc fee $499.
/// </summary>
public sealed class DownPaymentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    TestDatabase Db => fixture.Db;

    const decimal NorthTax = 0.0725m;
    const decimal NorthFee = 499m;

    async Task<T> AsNorthAsync<T>(Func<Microsoft.Extensions.DependencyInjection.AsyncServiceScope, Task<T>> act)
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);
        return await act(scope);
    }

    [Theory]
    [InlineData(20_000, 0, 0, 21_949)] // 20,000 + 1,450 tax + 499
    [InlineData(20_000, 5_000, 0, 16_586.50)] // the trade-in lowers the taxed amount and the amount due
    [InlineData(20_000, 5_000, 8_000, 24_586.50)] // a payoff above the trade-in's value adds to it
    [InlineData(0, 3_000, 0, -2_501)] // a trade-in worth more than everything
    public void The_amount_due_is_what_is_financed_before_the_down_payment(double price, double tradeIn, double payoff, double due)
    {
        var amountDue = PaymentCalculator.AmountDue((decimal)price, (decimal)tradeIn, (decimal)payoff, NorthTax, NorthFee);

        Assert.Equal((decimal)due, amountDue);
        Assert.Equal(Math.Max(0, amountDue), PaymentCalculator.Finance((decimal)price, 0, (decimal)tradeIn, (decimal)payoff, NorthTax, NorthFee, 60, 6.9m).AmountFinanced);
        Assert.True(DownPaymentRule.Fits(Math.Max(0, amountDue), amountDue));
        Assert.False(DownPaymentRule.Fits(Math.Max(0, amountDue) + 0.01m, amountDue));
    }

    [Fact]
    public async Task A_deal_with_more_down_than_the_amount_due_is_refused_on_the_down_payment_and_writes_nothing()
    {
        var demo = await Db.DemoAsync();
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId, price: 20_000m);
        var customer = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0];
        var before = await DbSnapshot.TakeAsync(Db);

        var error = await DealKit.FailsAsync(() => AsNorthAsync(s => s.Get<DealService>().CreateAsync(
            DealKit.Request(customer, vehicle, new ScenarioInput { DownPayment = 30_000m }))), ErrorCodes.ValidationFailed, 400);
        var withTradeIn = await DealKit.FailsAsync(() => AsNorthAsync(s => s.Get<DealService>().CreateAsync(
            DealKit.Request(customer, vehicle, new ScenarioInput { DownPayment = 16_586.51m, TradeInValue = 5_000m }))), ErrorCodes.ValidationFailed, 400);

        Assert.Equal(["Down payment can't be more than the amount due ($21,949.00)."], DealKit.Fields(error)["scenario.downPayment"]);
        Assert.Equal(["Down payment can't be more than the amount due ($16,586.50)."], DealKit.Fields(withTradeIn)["scenario.downPayment"]);
        Assert.Single(DealKit.Fields(error));
        await before.AssertUnchangedAsync(Db);
        Assert.Equal("available", await DealKit.VehicleStatusAsync(Db, vehicle));
    }

    [Fact]
    public async Task A_down_payment_of_exactly_the_amount_due_is_accepted_and_finances_nothing()
    {
        var demo = await Db.DemoAsync();
        var customer = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0];

        var result = await AsNorthAsync(s => s.Get<DealService>().CreateAsync(
            DealKit.Request(customer, scenario: new ScenarioInput { Price = 20_000m, DownPayment = 21_949m })));

        Assert.Equal(((decimal?)0m, (decimal?)0m), (result.Scenario.AmountFinanced, result.Scenario.MonthlyPayment));
    }

    [Fact]
    public async Task A_blank_deal_takes_a_deposit_without_a_limit_since_nothing_is_due_yet()
    {
        var demo = await Db.DemoAsync();
        var customer = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0];

        var result = await AsNorthAsync(s => s.Get<DealService>().CreateAsync(
            DealKit.Request(customer, scenario: new ScenarioInput { DownPayment = 1_000m })));

        Assert.Equal(1_000m, result.Scenario.DownPayment);
        Assert.Null(result.Scenario.MonthlyPayment);
    }

    [Fact]
    public async Task A_quick_quote_with_more_down_than_the_amount_due_is_refused_on_the_down_payment_and_writes_nothing()
    {
        var demo = await Db.DemoAsync();
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId, price: 10_000m);
        var before = await DbSnapshot.TakeAsync(Db);

        var priced = await DealKit.FailsAsync(() => AsNorthAsync(s => s.Get<QuickQuoteService>().CreateAsync(
            new QuickQuoteRequest { Price = 20_000m, DownPayment = 30_000m, CustomerName = "Over Paid" })), ErrorCodes.ValidationFailed, 400);
        var vehiclePriced = await DealKit.FailsAsync(() => AsNorthAsync(s => s.Get<QuickQuoteService>().CreateAsync(
            new QuickQuoteRequest { VehicleId = vehicle.ToString(), DownPayment = 11_224.01m, CustomerName = "Over Paid" })), ErrorCodes.ValidationFailed, 400);

        Assert.Equal(["Down payment can't be more than the amount due ($21,949.00)."], DealKit.Fields(priced)["downPayment"]);
        Assert.Equal(["Down payment can't be more than the amount due ($11,224.00)."], DealKit.Fields(vehiclePriced)["downPayment"]);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Through_the_API_too_much_down_is_a_400_naming_the_down_payment()
    {
        using var client = await ApiKit.ClientAsync(fixture.App, "sales1@northside.test");
        var before = await DbSnapshot.TakeAsync(Db);

        var deal = await ApiKit.PostAsync(client, "/api/deals",
            new { customerData = new { firstName = "Api", lastName = "Overpaid" }, scenario = new { price = 20_000, downPayment = 30_000 } });
        var quote = await ApiKit.PostAsync(client, "/api/quick-quotes", new { price = 20_000, downPayment = 30_000, customerName = "Api Overpaid" });

        ApiKit.AssertError(deal, 400, ErrorCodes.ValidationFailed);
        ApiKit.AssertError(quote, 400, ErrorCodes.ValidationFailed);
        Assert.Equal("Down payment can't be more than the amount due ($21,949.00).",
            deal.Json.GetProperty("details").GetProperty("fields").GetProperty("scenario.downPayment")[0].GetString());
        Assert.Equal("Down payment can't be more than the amount due ($21,949.00).",
            quote.Json.GetProperty("details").GetProperty("fields").GetProperty("downPayment")[0].GetString());
        await before.AssertUnchangedAsync(Db);
    }
}
