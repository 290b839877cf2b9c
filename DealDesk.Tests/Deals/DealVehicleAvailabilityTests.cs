using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Deals;

/// <summary>
/// A vehicle that is pending (on an open deal) or sold cannot go on a new deal: 409 VEHICLE_NOT_AVAILABLE
/// naming it, nothing written, and no deal number consumed (the numbers stay gapless).
/// </summary>
public sealed class DealVehicleAvailabilityTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    // Noon in Chicago on a day no other test of this class uses (each test gets its own day).
    static DateTimeOffset Noon(int day) => new(2032, 6, day, 17, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("pending", 1)]
    [InlineData("sold", 2)]
    public async Task An_unavailable_vehicle_is_refused_without_writing_or_consuming_a_number(string how, int day)
    {
        var demo = await Db.DemoAsync();
        var localDay = new DateOnly(2032, 6, day);
        await using var host = DealHost.Create(Db, Noon(day));
        var customers = await DealKit.CustomersAsync(Db, demo.North.DealershipId);
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        Guid holder;
        await using (var scope = host.Scope(demo.North.DealershipId, demo.North.Sales1Id))
        {
            var first = await scope.Get<DealService>().CreateAsync(DealKit.Request(customers[0], vehicle));
            Assert.Equal("2032-0" + (600 + day) + "-0001", first.Deal.DealNumber);
            holder = first.Deal.Id;
        }
        if (how == "sold")
        {
            await using var scope = host.Scope(demo.North.DealershipId, demo.North.Sales1Id);
            await scope.Get<DealActions>().DeliverAsync(holder);
        }
        Assert.Equal(how, await DealKit.VehicleStatusAsync(Db, vehicle));
        var before = await DbSnapshot.TakeAsync(Db);

        await using (var scope = host.Scope(demo.North.DealershipId, demo.North.Sales2Id))
        {
            var error = await DealKit.FailsAsync(() => scope.Get<DealService>().CreateAsync(
                new CreateDealRequest { CustomerData = DealKit.NewCustomer("Late"), VehicleId = vehicle.ToString() }),
                ErrorCodes.VehicleNotAvailable, 409);
            Assert.Equal(vehicle, DealKit.Detail(error, "vehicleId"));
            Assert.Equal(how, DealKit.Detail(error, "status"));
            Assert.Contains("no longer available", error.Message, StringComparison.Ordinal);
        }

        await before.AssertUnchangedAsync(Db);
        Assert.Equal(how, await DealKit.VehicleStatusAsync(Db, vehicle));
        Assert.Equal(1, await DealKit.CounterAsync(Db, demo.North.DealershipId, localDay));
        Assert.Equal(holder, await Db.ScalarAsync<Guid>(
            "SELECT id FROM deals WHERE vehicle_id = $1", vehicle)); // still the only deal that ever had it

        await using (var scope = host.Scope(demo.North.DealershipId, demo.North.Sales2Id))
        {
            var next = await scope.Get<DealService>().CreateAsync(DealKit.Request(customers[1], await DealKit.AddVehicleAsync(Db, demo.North.DealershipId)));
            Assert.Equal("2032-0" + (600 + day) + "-0002", next.Deal.DealNumber); // gapless: the refused attempt took no number
        }
        await DealKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task A_vehicle_released_by_a_cancelled_deal_can_be_sold_again()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Noon(3));
        var customers = await DealKit.CustomersAsync(Db, demo.South.DealershipId);
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.South.DealershipId);
        await using var scope = host.Scope(demo.South.DealershipId, demo.South.Sales1Id);
        var service = scope.Get<DealService>();

        var first = await service.CreateAsync(DealKit.Request(customers[0], vehicle));
        await scope.Get<DealActions>().CancelAsync(first.Deal.Id);
        var second = await service.CreateAsync(DealKit.Request(customers[1], vehicle));

        Assert.Equal(vehicle, second.Deal.VehicleId);
        Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, vehicle));
        Assert.Equal(1, await DealKit.CountAsync(Db, "SELECT count(*) FROM deals WHERE vehicle_id = $1 AND state = 'DRAFT'", vehicle));
        Assert.Equal(["2032-0603-0001", "2032-0603-0002"], new[] { first.Deal.DealNumber, second.Deal.DealNumber });
        await DealKit.AssertInvariantsAsync(Db);
    }
}
