using System.Text.Json;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Pricing;
using DealDesk.Data.QuickQuotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Deals;

/// <summary>A deal with no vehicle and no price has no payment yet: not "Financed $499.00 · $9.86/mo" for the doc fee alone.</summary>
public sealed class BlankDealPaymentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    TestDatabase Db => fixture.Db;

    [Fact]
    public async Task A_blank_deal_shows_no_payment_until_it_gets_a_vehicle()
    {
        var demo = await Db.DemoAsync();
        var customer = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[2];
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId, price: 24_000m);
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);

        var blank = await scope.Get<DealService>().CreateAsync(DealKit.Request(customer));
        var details = await scope.Get<DealQueries>().GetAsync(blank.Deal.Id);
        var attached = await scope.Get<DealActions>().AttachVehicleAsync(blank.Deal.Id, new AttachVehicleRequest { VehicleId = vehicle.ToString() });

        Assert.Equal((0m, (decimal?)null, (decimal?)null), (blank.Scenario.Price, blank.Scenario.AmountFinanced, blank.Scenario.MonthlyPayment));
        var listed = Assert.Single(details.Scenarios);
        Assert.Equal(((decimal?)null, (decimal?)null), (listed.AmountFinanced, listed.MonthlyPayment));
        var expected = PaymentCalculator.Finance(24_000m, 0, 0, 0, 0.0725m, 499m, 60, 6.9m);
        Assert.Equal(((decimal?)expected.AmountFinanced, (decimal?)expected.MonthlyPayment), (attached.Scenario.AmountFinanced, attached.Scenario.MonthlyPayment));
    }

    [Fact]
    public async Task A_deal_with_a_price_but_no_vehicle_has_a_payment()
    {
        var demo = await Db.DemoAsync();
        var customer = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[2];
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);

        var result = await scope.Get<DealService>().CreateAsync(DealKit.Request(customer, scenario: new ScenarioInput { Price = 15_000m }));

        Assert.Equal(PaymentCalculator.Finance(15_000m, 0, 0, 0, 0.0725m, 499m, 60, 6.9m).MonthlyPayment, result.Scenario.MonthlyPayment);
    }

    [Fact]
    public async Task Through_the_API_a_blank_deals_financed_amount_and_payment_are_null()
    {
        using var client = await ApiKit.ClientAsync(fixture.App, "sales1@northside.test");

        var created = await ApiKit.PostAsync(client, "/api/deals", new { customerData = new { firstName = "Blank", lastName = "Desk" } });
        Assert.True(created.Status == 201, created.ToString());
        var fetched = await ApiKit.GetAsync(client, $"/api/deals/{created.Data.GetProperty("deal").GetProperty("id").GetGuid()}");

        foreach (var scenario in new[] { created.Data.GetProperty("scenario"), fetched.Data.GetProperty("scenarios")[0] })
        {
            Assert.Equal(JsonValueKind.Null, scenario.GetProperty("amountFinanced").ValueKind);
            Assert.Equal(JsonValueKind.Null, scenario.GetProperty("monthlyPayment").ValueKind);
            Assert.Equal(0m, scenario.GetProperty("price").GetDecimal());
        }
    }

    [Fact]
    public async Task A_quick_quote_needs_a_price_or_a_vehicle_since_a_payment_is_all_it_shows()
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);
        var before = await DbSnapshot.TakeAsync(Db);

        var error = await DealKit.FailsAsync(() => scope.Get<QuickQuoteService>().CreateAsync(new QuickQuoteRequest { Price = 0m, CustomerName = "Zero Price" }),
            ErrorCodes.ValidationFailed, 400);

        Assert.Equal(["Enter a price or pick a vehicle."], DealKit.Fields(error)["price"]);
        await before.AssertUnchangedAsync(Db);
    }
}
