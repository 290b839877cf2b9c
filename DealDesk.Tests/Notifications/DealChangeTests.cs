using DealDesk.Data.Deals;
using DealDesk.Data.Notifications;
using DealDesk.Data.QuickQuotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Notifications.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Notifications;

/// <summary>What each deal write announces, in order, as another instance hears it.</summary>
public sealed class DealChangeTests(DatabaseFixture fixture) : NorthChangesTest(fixture)
{
    /// <summary>The changes <paramref name="act"/> publishes (acting as sales2), each as one comparable line.</summary>
    async Task<List<string>> ChangesOfAsync(Func<AsyncServiceScope, Task> act)
    {
        var changes = await ChangesOfAsync(North.Sales2Id, manager: false, act);
        Assert.All(changes, c => Assert.Equal((North.DealershipId, North.Sales2Id), (c.DealershipId, c.ByUserId)));
        return [.. changes.Select(ChangeInbox.Describe)];
    }

    async Task<DealResult> NewDealAsync(Guid? vehicle = null)
    {
        var customer = (await DealKit.CustomersAsync(Db, North.DealershipId))[0];
        await using var scope = Host.Scope(North.DealershipId, North.Sales1Id);
        return await scope.Get<DealService>().CreateAsync(DealKit.Request(customer, vehicle));
    }

    static string Line(string kind, Guid id, params (string Key, object? Value)[] data) => ChangeInbox.Describe(new Change(Guid.Empty, kind, id,
        data.Where(d => d.Value is not null).ToDictionary(d => d.Key, d => d.Value!.ToString())));

    static string VehicleLine(Guid vehicle, string status, Guid deal) =>
        Line(ChangeKinds.VehicleStatus, vehicle, (ChangeKeys.Status, status), (ChangeKeys.DealId, deal));

    [Fact]
    public async Task Creating_a_deal_with_a_vehicle_announces_the_deal_and_the_vehicle_now_pending()
    {
        var vehicle = await DealKit.AddVehicleAsync(Db, North.DealershipId);
        var customer = (await DealKit.CustomersAsync(Db, North.DealershipId))[0];
        DealResult deal = null!;

        var changes = await ChangesOfAsync(async s => deal = await s.Get<DealService>().CreateAsync(DealKit.Request(customer, vehicle)));

        Assert.Equal([
            Line(ChangeKinds.DealCreated, deal.Deal.Id, (ChangeKeys.DealNumber, deal.Deal.DealNumber), (ChangeKeys.CustomerId, customer),
                (ChangeKeys.SalespersonId, North.Sales2Id), (ChangeKeys.VehicleId, vehicle)),
            VehicleLine(vehicle, "pending", deal.Deal.Id),
        ], changes);
    }

    [Fact]
    public async Task Swapping_the_vehicle_announces_the_deal_the_released_vehicle_the_reserved_one_and_the_repriced_quote()
    {
        var (old, replacement) = (await DealKit.AddVehicleAsync(Db, North.DealershipId), await DealKit.AddVehicleAsync(Db, North.DealershipId, price: 33_000m));
        var deal = await NewDealAsync(old);

        var changes = await ChangesOfAsync(s => s.Get<DealActions>().AttachVehicleAsync(deal.Deal.Id, new AttachVehicleRequest { VehicleId = replacement.ToString() }));

        Assert.Equal([
            Line(ChangeKinds.DealChanged, deal.Deal.Id, (ChangeKeys.What, ChangeKeys.Aspects.Vehicle), (ChangeKeys.DealNumber, deal.Deal.DealNumber),
                (ChangeKeys.VehicleId, replacement), (ChangeKeys.PreviousVehicleId, old)),
            VehicleLine(old, "available", deal.Deal.Id),
            VehicleLine(replacement, "pending", deal.Deal.Id),
            // The active quote, a draft, follows the vehicle's price as its version 2.
            Line(ChangeKinds.QuoteSaved, deal.Scenario.Id, (ChangeKeys.DealId, deal.Deal.Id), (ChangeKeys.Version, 2),
                (ChangeKeys.Fields, "price"), (ChangeKeys.By, North.Sales2Id)),
        ], changes);
    }

    [Fact]
    public async Task Attaching_the_vehicle_a_deal_already_has_announces_nothing()
    {
        var vehicle = await DealKit.AddVehicleAsync(Db, North.DealershipId);
        var deal = await NewDealAsync(vehicle);

        var changes = await ChangesOfAsync(s => s.Get<DealActions>().AttachVehicleAsync(deal.Deal.Id, new AttachVehicleRequest { VehicleId = vehicle.ToString() }));

        Assert.Empty(changes);
    }

    [Fact]
    public async Task Changing_the_customer_announces_the_deal()
    {
        var customers = await DealKit.CustomersAsync(Db, North.DealershipId);
        var deal = await NewDealAsync();

        var changes = await ChangesOfAsync(s => s.Get<DealActions>().ChangeCustomerAsync(deal.Deal.Id, new ChangeCustomerRequest { CustomerId = customers[1].ToString() }));

        Assert.Equal([
            Line(ChangeKinds.DealChanged, deal.Deal.Id, (ChangeKeys.What, ChangeKeys.Aspects.Customer), (ChangeKeys.DealNumber, deal.Deal.DealNumber),
                (ChangeKeys.CustomerId, customers[1]), (ChangeKeys.PreviousCustomerId, customers[0])),
        ], changes);
    }

    [Fact]
    public async Task Cancelling_announces_the_deals_state_and_its_vehicle_available_again()
    {
        var vehicle = await DealKit.AddVehicleAsync(Db, North.DealershipId);
        var deal = await NewDealAsync(vehicle);

        var changes = await ChangesOfAsync(s => s.Get<DealActions>().CancelAsync(deal.Deal.Id));

        Assert.Equal([
            Line(ChangeKinds.DealChanged, deal.Deal.Id, (ChangeKeys.What, ChangeKeys.Aspects.State), (ChangeKeys.DealNumber, deal.Deal.DealNumber),
                (ChangeKeys.State, DealState.Cancelled), (ChangeKeys.VehicleId, vehicle)),
            VehicleLine(vehicle, "available", deal.Deal.Id),
        ], changes);
    }

    [Fact]
    public async Task Delivering_announces_the_deals_state_and_its_vehicle_sold()
    {
        var vehicle = await DealKit.AddVehicleAsync(Db, North.DealershipId);
        var deal = await NewDealAsync(vehicle);

        var changes = await ChangesOfAsync(s => s.Get<DealActions>().DeliverAsync(deal.Deal.Id));

        Assert.Equal([
            Line(ChangeKinds.DealChanged, deal.Deal.Id, (ChangeKeys.What, ChangeKeys.Aspects.State), (ChangeKeys.DealNumber, deal.Deal.DealNumber),
                (ChangeKeys.State, DealState.Delivered), (ChangeKeys.VehicleId, vehicle)),
            VehicleLine(vehicle, "sold", deal.Deal.Id),
        ], changes);
    }

    [Fact]
    public async Task Converting_a_quick_quote_announces_the_new_deal_and_its_vehicle_pending()
    {
        var vehicle = await DealKit.AddVehicleAsync(Db, North.DealershipId);
        QuickQuoteView quote;
        await using (var scope = Host.Scope(North.DealershipId, North.Sales1Id))
            quote = await scope.Get<QuickQuoteService>().CreateAsync(new QuickQuoteRequest { VehicleId = vehicle.ToString(), CustomerName = "Ada Byron" });
        DealResult deal = null!;

        var changes = await ChangesOfAsync(async s => deal = await s.Get<QuickQuoteService>().ConvertAsync(quote.Id));

        Assert.Equal([
            Line(ChangeKinds.DealCreated, deal.Deal.Id, (ChangeKeys.DealNumber, deal.Deal.DealNumber), (ChangeKeys.CustomerId, deal.Customer.Id),
                (ChangeKeys.SalespersonId, North.Sales2Id), (ChangeKeys.VehicleId, vehicle)),
            VehicleLine(vehicle, "pending", deal.Deal.Id),
        ], changes);
    }
}
