using System.Text.Json;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Pricing;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Deals;

/// <summary>DealActions: attach/swap the vehicle, change the customer, cancel, deliver — each one audited unit.</summary>
public sealed class DealActionsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    async Task<DealResult> NewDealAsync(Guid? vehicle = null)
    {
        var demo = await Db.DemoAsync();
        var customer = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0];
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);
        return await scope.Get<DealService>().CreateAsync(DealKit.Request(customer, vehicle));
    }

    async Task<T> ActAsync<T>(Func<DealActions, Task<T>> action)
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales2Id);
        return await action(scope.Get<DealActions>());
    }

    async Task<List<(string Action, string Metadata)>> AuditAsync(Guid dealId)
    {
        await using var c = await Db.OpenSuperuserAsync();
        return await Sql.ListAsync(c, "SELECT action, metadata::text FROM audit_log WHERE entity_id = $1 ORDER BY id", r => (r.GetString(0), r.GetString(1)), dealId);
    }

    static JsonElement Meta(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public async Task Attaching_a_vehicle_to_a_blank_deal_reserves_it_and_reprices_the_scenario()
    {
        var demo = await Db.DemoAsync();
        var deal = await NewDealAsync();
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId, price: 27_450m);

        var result = await ActAsync(a => a.AttachVehicleAsync(deal.Deal.Id, new AttachVehicleRequest { VehicleId = vehicle.ToString() }));

        Assert.Equal(vehicle, result.Deal.VehicleId);
        Assert.Equal("pending", result.Vehicle!.Status);
        Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, vehicle));
        Assert.Equal(27_450m, result.Scenario.Price);
        Assert.Equal(27_450m, await Db.ScalarAsync<decimal>("SELECT price FROM pricing_scenarios WHERE id = $1", deal.Scenario.Id));
        var expected = PaymentCalculator.Finance(27_450m, 0, 0, 0, 0.0725m, 499m, 60, 6.9m);
        Assert.Equal(expected.MonthlyPayment, result.Scenario.MonthlyPayment);
        Assert.Equal(expected.MonthlyPayment, await Db.ScalarAsync<decimal>("SELECT monthly_payment FROM pricing_scenarios WHERE id = $1", deal.Scenario.Id));
        var audit = await AuditAsync(deal.Deal.Id);
        Assert.Equal(["deal.created", "deal.vehicle_attached"], audit.Select(a => a.Action));
        Assert.Equal(vehicle, Meta(audit[1].Metadata).GetProperty("vehicleId").GetGuid());
        Assert.Equal(demo.North.Sales2Id, await Db.ScalarAsync<Guid>("SELECT user_id FROM audit_log WHERE entity_id = $1 AND action = 'deal.vehicle_attached'", deal.Deal.Id));
        await DealKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task Swapping_the_vehicle_releases_the_old_one_and_reserves_the_new_one()
    {
        var demo = await Db.DemoAsync();
        var old = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId, price: 30_000m);
        var replacement = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId, price: 33_300m);
        var deal = await NewDealAsync(old);

        var result = await ActAsync(a => a.AttachVehicleAsync(deal.Deal.Id, new AttachVehicleRequest { VehicleId = replacement.ToString() }));

        Assert.Equal(replacement, result.Deal.VehicleId);
        Assert.Equal("available", await DealKit.VehicleStatusAsync(Db, old));
        Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, replacement));
        Assert.Equal(33_300m, result.Scenario.Price);
        var audit = await AuditAsync(deal.Deal.Id);
        Assert.Equal("deal.vehicle_swapped", audit[^1].Action);
        Assert.Equal(old, Meta(audit[^1].Metadata).GetProperty("previousVehicleId").GetGuid());
        Assert.Equal(replacement, Meta(audit[^1].Metadata).GetProperty("vehicleId").GetGuid());
        await DealKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task The_history_says_from_which_vehicle_and_customer_to_which()
    {
        var demo = await Db.DemoAsync();
        var old = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var replacement = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var deal = await NewDealAsync(old);
        var other = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[7];
        async Task<string> Label(Guid v) => $"2025 Testa Model T Base ({await Db.ScalarAsync<string>("SELECT stock_number FROM vehicles WHERE id = $1", v)})";
        async Task<string> Name(Guid c) => await Db.ScalarAsync<string>("SELECT first_name || ' ' || last_name FROM customers WHERE id = $1", c);

        await ActAsync(a => a.AttachVehicleAsync(deal.Deal.Id, new AttachVehicleRequest { VehicleId = replacement.ToString() }));
        await ActAsync(a => a.ChangeCustomerAsync(deal.Deal.Id, new ChangeCustomerRequest { CustomerId = other.ToString() }));
        await ActAsync(a => a.ChangeCustomerAsync(deal.Deal.Id, new ChangeCustomerRequest { CustomerData = DealKit.NewCustomer("Park", "Bob") }));
        DealDetails details;
        await using (var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id))
            details = await scope.Get<DealQueries>().GetAsync(deal.Deal.Id);

        Assert.Equal(
        [
            $"Created the deal for {await Name(deal.Customer.Id)} on the {await Label(old)}",
            $"Swapped the vehicle from {await Label(old)} to {await Label(replacement)}",
            $"Changed the customer from {await Name(deal.Customer.Id)} to {await Name(other)}",
            $"Changed the customer from {await Name(other)} to new customer Bob Park",
        ], details.History.Select(h => h.Summary));
        var swap = Meta((await AuditAsync(deal.Deal.Id))[1].Metadata);
        Assert.Equal((await Label(old), await Label(replacement)), (swap.GetProperty("from").GetString(), swap.GetProperty("to").GetString()));
        var change = Meta((await AuditAsync(deal.Deal.Id))[2].Metadata);
        Assert.Equal((await Name(deal.Customer.Id), await Name(other)), (change.GetProperty("from").GetString(), change.GetProperty("to").GetString()));
        Assert.Equal(deal.Customer.Id, change.GetProperty("previousCustomerId").GetGuid()); // the ids stay, for code that reads them
    }

    [Fact]
    public void An_entry_written_before_summaries_has_none()
    {
        Assert.Null(new AuditView(DateTimeOffset.UnixEpoch, "deal.created", null, """{"dealNumber":"2024-0101-0001"}""").Summary);
        Assert.Null(new AuditView(DateTimeOffset.UnixEpoch, "deal.created", null, "not json").Summary);
        Assert.Equal("Cancelled the deal", new AuditView(DateTimeOffset.UnixEpoch, "deal.cancelled", null, """{"summary":"Cancelled the deal"}""").Summary);
    }

    [Fact]
    public async Task Swapping_to_an_unavailable_vehicle_is_a_conflict_and_changes_nothing()
    {
        var demo = await Db.DemoAsync();
        var held = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var taken = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var deal = await NewDealAsync(held);
        await NewDealAsync(taken); // another open deal holds it
        var before = await DbSnapshot.TakeAsync(Db);

        var error = await DealKit.FailsAsync(() => ActAsync(a => a.AttachVehicleAsync(deal.Deal.Id, new AttachVehicleRequest { VehicleId = taken.ToString() })),
            ErrorCodes.VehicleNotAvailable, 409);

        Assert.Equal(taken, DealKit.Detail(error, "vehicleId"));
        await before.AssertUnchangedAsync(Db);
        Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, held)); // the old vehicle was not released
        Assert.Equal(held, await Db.ScalarAsync<Guid>("SELECT vehicle_id FROM deals WHERE id = $1", deal.Deal.Id));
    }

    [Fact]
    public async Task Attaching_a_malformed_unknown_or_foreign_vehicle_fails_typed_and_changes_nothing()
    {
        var demo = await Db.DemoAsync();
        var held = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var foreign = await DealKit.AddVehicleAsync(Db, demo.South.DealershipId);
        var deal = await NewDealAsync(held);
        var before = await DbSnapshot.TakeAsync(Db);

        var malformed = await DealKit.FailsAsync(() => ActAsync(a => a.AttachVehicleAsync(deal.Deal.Id, new AttachVehicleRequest { VehicleId = "x" })), ErrorCodes.ValidationFailed, 400);
        Assert.Equal(["vehicleId"], DealKit.Fields(malformed).Keys);
        await DealKit.FailsAsync(() => ActAsync(a => a.AttachVehicleAsync(deal.Deal.Id, new AttachVehicleRequest { VehicleId = Guid.NewGuid().ToString() })), ErrorCodes.ResourceNotFound, 404);
        await DealKit.FailsAsync(() => ActAsync(a => a.AttachVehicleAsync(deal.Deal.Id, new AttachVehicleRequest { VehicleId = foreign.ToString() })), ErrorCodes.MultiTenantViolation, 403);

        await before.AssertUnchangedAsync(Db);
        Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, held));
    }

    [Fact]
    public async Task Changing_to_an_existing_customer_is_audited()
    {
        var demo = await Db.DemoAsync();
        var deal = await NewDealAsync();
        var other = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[11];
        var customersBefore = await DealKit.CountAsync(Db, "SELECT count(*) FROM customers");

        var result = await ActAsync(a => a.ChangeCustomerAsync(deal.Deal.Id, new ChangeCustomerRequest { CustomerId = other.ToString() }));

        Assert.Equal(other, result.Deal.CustomerId);
        Assert.Equal(other, result.Customer.Id);
        Assert.Equal(other, await Db.ScalarAsync<Guid>("SELECT customer_id FROM deals WHERE id = $1", deal.Deal.Id));
        Assert.Equal(customersBefore, await DealKit.CountAsync(Db, "SELECT count(*) FROM customers"));
        var audit = await AuditAsync(deal.Deal.Id);
        Assert.Equal("deal.customer_changed", audit[^1].Action);
        Assert.Equal(deal.Customer.Id, Meta(audit[^1].Metadata).GetProperty("previousCustomerId").GetGuid());
        Assert.False(Meta(audit[^1].Metadata).GetProperty("newCustomer").GetBoolean());
    }

    [Fact]
    public async Task Changing_to_a_new_customer_creates_it_and_is_audited()
    {
        var deal = await NewDealAsync();
        var customersBefore = await DealKit.CountAsync(Db, "SELECT count(*) FROM customers");

        var result = await ActAsync(a => a.ChangeCustomerAsync(deal.Deal.Id, new ChangeCustomerRequest
        {
            CustomerData = new NewCustomerData { FirstName = " Ines ", LastName = "Varga ", Phone = "(555) 404-1000" },
        }));

        Assert.Equal(customersBefore + 1, await DealKit.CountAsync(Db, "SELECT count(*) FROM customers"));
        Assert.Equal(("Ines", "Varga"), (result.Customer.FirstName, result.Customer.LastName));
        Assert.Equal(result.Customer.Id, await Db.ScalarAsync<Guid>("SELECT customer_id FROM deals WHERE id = $1", deal.Deal.Id));
        var audit = await AuditAsync(deal.Deal.Id);
        Assert.Equal("deal.customer_changed", audit[^1].Action);
        Assert.True(Meta(audit[^1].Metadata).GetProperty("newCustomer").GetBoolean());
    }

    [Fact]
    public async Task Changing_the_customer_validates_first_and_refuses_the_other_dealerships_customer()
    {
        var demo = await Db.DemoAsync();
        var deal = await NewDealAsync();
        var foreign = (await DealKit.CustomersAsync(Db, demo.South.DealershipId))[0];
        var before = await DbSnapshot.TakeAsync(Db);

        var both = await DealKit.FailsAsync(() => ActAsync(a => a.ChangeCustomerAsync(deal.Deal.Id,
            new ChangeCustomerRequest { CustomerId = foreign.ToString(), CustomerData = DealKit.NewCustomer() })), ErrorCodes.ValidationFailed, 400);
        Assert.Equal(["customer"], DealKit.Fields(both).Keys);
        var badEmail = await DealKit.FailsAsync(() => ActAsync(a => a.ChangeCustomerAsync(deal.Deal.Id,
            new ChangeCustomerRequest { CustomerData = DealKit.NewCustomer() with { Email = "nope" } })), ErrorCodes.ValidationFailed, 400);
        Assert.Equal(["customerData.email"], DealKit.Fields(badEmail).Keys);
        await DealKit.FailsAsync(() => ActAsync(a => a.ChangeCustomerAsync(deal.Deal.Id,
            new ChangeCustomerRequest { CustomerId = foreign.ToString() })), ErrorCodes.MultiTenantViolation, 403);

        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Cancelling_releases_the_vehicle_and_then_every_action_is_a_state_conflict()
    {
        var demo = await Db.DemoAsync();
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var spare = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var deal = await NewDealAsync(vehicle);

        var cancelled = await ActAsync(a => a.CancelAsync(deal.Deal.Id));

        Assert.Equal(DealState.Cancelled, cancelled.Deal.DealState);
        Assert.Equal("CANCELLED", await Db.ScalarAsync<string>("SELECT state FROM deals WHERE id = $1", deal.Deal.Id));
        Assert.Equal("available", await DealKit.VehicleStatusAsync(Db, vehicle));
        Assert.Equal("deal.cancelled", (await AuditAsync(deal.Deal.Id))[^1].Action);
        var before = await DbSnapshot.TakeAsync(Db);

        var actions = new Func<DealActions, Task>[]
        {
            a => a.CancelAsync(deal.Deal.Id),
            a => a.DeliverAsync(deal.Deal.Id),
            a => a.AttachVehicleAsync(deal.Deal.Id, new AttachVehicleRequest { VehicleId = spare.ToString() }),
            a => a.ChangeCustomerAsync(deal.Deal.Id, new ChangeCustomerRequest { CustomerData = DealKit.NewCustomer("After") }),
        };
        foreach (var action in actions)
        {
            var error = await DealKit.FailsAsync(() => ActAsync(async a => { await action(a); return 0; }), ErrorCodes.DealStateInvalid, 409);
            Assert.Equal(DealState.Cancelled, DealKit.Detail(error, "state"));
        }

        await before.AssertUnchangedAsync(Db);
        Assert.Equal("available", await DealKit.VehicleStatusAsync(Db, spare));
        await DealKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task Delivering_sells_the_vehicle_and_closes_the_deal()
    {
        var demo = await Db.DemoAsync();
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var deal = await NewDealAsync(vehicle);

        var delivered = await ActAsync(a => a.DeliverAsync(deal.Deal.Id));

        Assert.Equal(DealState.Delivered, delivered.Deal.DealState);
        Assert.Equal("sold", delivered.Vehicle!.Status);
        Assert.Equal("sold", await DealKit.VehicleStatusAsync(Db, vehicle));
        Assert.Equal("DELIVERED", await Db.ScalarAsync<string>("SELECT state FROM deals WHERE id = $1", deal.Deal.Id));
        Assert.Equal("deal.delivered", (await AuditAsync(deal.Deal.Id))[^1].Action);
        await DealKit.FailsAsync(() => ActAsync(a => a.CancelAsync(deal.Deal.Id)), ErrorCodes.DealStateInvalid, 409);
        Assert.Equal("sold", await DealKit.VehicleStatusAsync(Db, vehicle)); // a delivered deal cannot hand its car back
        await DealKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task Delivering_a_blank_deal_is_a_state_conflict()
    {
        var deal = await NewDealAsync();
        var before = await DbSnapshot.TakeAsync(Db);

        await DealKit.FailsAsync(() => ActAsync(a => a.DeliverAsync(deal.Deal.Id)), ErrorCodes.DealStateInvalid, 409);

        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Actions_on_another_dealerships_deal_are_forbidden_and_on_an_unknown_deal_not_found()
    {
        var demo = await Db.DemoAsync();
        var southVehicle = await DealKit.AddVehicleAsync(Db, demo.South.DealershipId);
        DealResult southDeal;
        await using (var south = Db.CreateScope(demo.South.DealershipId, demo.South.Sales1Id))
            southDeal = await south.Get<DealService>().CreateAsync(new CreateDealRequest { CustomerData = DealKit.NewCustomer("South"), VehicleId = southVehicle.ToString() });
        var northVehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var before = await DbSnapshot.TakeAsync(Db);

        foreach (var id in new[] { southDeal.Deal.Id, Guid.NewGuid() })
        {
            var (code, status) = id == southDeal.Deal.Id ? (ErrorCodes.MultiTenantViolation, 403) : (ErrorCodes.ResourceNotFound, 404);
            await DealKit.FailsAsync(() => ActAsync(a => a.CancelAsync(id)), code, status);
            await DealKit.FailsAsync(() => ActAsync(a => a.DeliverAsync(id)), code, status);
            await DealKit.FailsAsync(() => ActAsync(a => a.AttachVehicleAsync(id, new AttachVehicleRequest { VehicleId = northVehicle.ToString() })), code, status);
            await DealKit.FailsAsync(() => ActAsync(a => a.ChangeCustomerAsync(id, new ChangeCustomerRequest { CustomerData = DealKit.NewCustomer() })), code, status);
        }

        await before.AssertUnchangedAsync(Db);
        Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, southVehicle));
    }
}
