using System.Diagnostics;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Transactions;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DealDesk.Tests.Deals;

/// <summary>
/// Conflicting deal writes released together (each in its own scope, so its own connection and unit of
/// work): exactly one winner per vehicle, gapless unique numbers per dealership, idempotent replays, and
/// the invariants hold after every race. The 200 creates use the demo's 40 vehicles per dealership; every
/// other test here inserts its own vehicles. The class runs alone (its own non-parallel collection): the
/// 200 creates queue per dealership inside the runner's 10 s budget, which other classes' load must not eat.
/// </summary>
[Collection(nameof(DealConcurrencyTests))]
public sealed class DealConcurrencyTests(DatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    const string Retries = "dealdesk.transactions.retries";

    TestDatabase Db => fixture.Db;

    // Each test runs on its own local day (noon in both time zones), so "the day's numbers" are the test's own.
    static DateTimeOffset Noon(int day) => new(2033, 1, day, 17, 0, 0, TimeSpan.Zero);

    static string Describe(IEnumerable<Exception?> errors) =>
        string.Join("; ", errors.Where(e => e is not null).GroupBy(e => (e as DealDeskException)?.Error.Code ?? e!.GetType().Name + ": " + e.Message)
            .Select(g => $"{g.Count()} × {g.Key}"));

    [Fact]
    public async Task Twenty_parallel_creates_on_one_vehicle_give_exactly_one_deal()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Noon(1));
        using var retries = host.Listen(Retries);
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var customers = await DealKit.CustomersAsync(Db, demo.North.DealershipId);
        var users = new[] { demo.North.Sales1Id, demo.North.Sales2Id, demo.North.ManagerId };
        var scopes = Enumerable.Range(0, 20).Select(i => host.Scope(demo.North.DealershipId, users[i % 3], manager: i % 3 == 2)).ToArray();

        try
        {
            var outcomes = await Together.RunAsync(20, i =>
                scopes[i].Get<DealService>().CreateAsync(DealKit.Request(customers[i], vehicle)));

            var winners = outcomes.Where(o => o.Succeeded).ToList();
            Assert.True(winners.Count == 1, $"{winners.Count} winners; failures: {Describe(outcomes.Select(o => o.Error))}");
            Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(ErrorCodes.VehicleNotAvailable, o.Code));
            Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, vehicle));
            Assert.Equal(winners[0].Value!.Deal.Id, await Db.ScalarAsync<Guid>(
                "SELECT id FROM deals WHERE vehicle_id = $1 AND state NOT IN ('DELIVERED','CANCELLED')", vehicle));
            Assert.Equal(1, await DealKit.CountAsync(Db, "SELECT count(*) FROM deals WHERE vehicle_id = $1", vehicle));
            Assert.Equal("2033-0101-0001", winners[0].Value!.Deal.DealNumber); // the 19 refusals consumed no number
            Assert.Equal(1, await DealKit.CounterAsync(Db, demo.North.DealershipId, new DateOnly(2033, 1, 1)));
            await DealKit.AssertInvariantsAsync(Db);
            output.WriteLine($"20 creates on one vehicle: retries {retries.Total} {string.Join(", ", retries.By("cause"))}");
        }
        finally
        {
            foreach (var s in scopes) await s.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_hundred_parallel_creates_across_both_dealerships_all_succeed_with_gapless_numbers()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Noon(2));
        using var retries = host.Listen(Retries);
        var tenants = new[] { demo.North, demo.South };
        var vehicles = new Dictionary<Guid, Guid[]>();
        var customers = new Dictionary<Guid, Guid[]>();
        foreach (var t in tenants)
        {
            await DealKit.AddVehiclesAsync(Db, t.DealershipId, 60);
            await using var c = await Db.OpenSuperuserAsync();
            vehicles[t.DealershipId] = [.. await Sql.ListAsync(c,
                "SELECT id FROM vehicles WHERE dealership_id = $1 AND status = 'available' AND (make = 'Testa' AND model = 'Bulk' OR stock_number ~ '^[NS]1[0-9]{3}$') ORDER BY stock_number",
                r => r.GetGuid(0), t.DealershipId)];
            Assert.Equal(100, vehicles[t.DealershipId].Length);
            customers[t.DealershipId] = await DealKit.CustomersAsync(Db, t.DealershipId);
        }
        var jobs = Enumerable.Range(0, 200).Select(i =>
        {
            var t = tenants[i % 2];
            var n = i / 2;
            var user = (n % 3) switch { 0 => t.Sales1Id, 1 => t.Sales2Id, _ => t.ManagerId };
            var request = n % 2 == 0
                ? DealKit.Request(customers[t.DealershipId][n % 20], vehicles[t.DealershipId][n])
                : new CreateDealRequest { CustomerData = DealKit.NewCustomer($"Rush{n}"), VehicleId = vehicles[t.DealershipId][n].ToString() };
            return (Tenant: t, Scope: host.Scope(t.DealershipId, user, manager: user == t.ManagerId), Request: request);
        }).ToArray();
        var clock = Stopwatch.StartNew();

        try
        {
            var outcomes = await Together.RunAsync(200, i => jobs[i].Scope.Get<DealService>().CreateAsync(jobs[i].Request), timeoutSeconds: 90);
            // A hundred creations queue per dealership on its lock; on a starved machine the last ones outlast the 10 s
            // budget. Those end as a typed, retryable DATABASE_TIMEOUT having written nothing, and a client asks again:
            // that is the contract, so the test does what a client does. Anything else (a conflict, a 500) fails it.
            var clientRetries = 0;
            for (var round = 0; round < 5 && outcomes.Any(o => o.Code == ErrorCodes.DatabaseTimeout); round++)
            {
                var again = outcomes.Select((o, i) => (o, i)).Where(x => x.o.Code == ErrorCodes.DatabaseTimeout).Select(x => x.i).ToArray();
                clientRetries += again.Length;
                var retried = await Together.RunAsync(again.Length, k => jobs[again[k]].Scope.Get<DealService>().CreateAsync(jobs[again[k]].Request), timeoutSeconds: 90);
                for (var k = 0; k < again.Length; k++) outcomes[again[k]] = retried[k];
            }
            clock.Stop();

            Assert.True(outcomes.All(o => o.Succeeded), "Failures: " + Describe(outcomes.Select(o => o.Error)));
            foreach (var t in tenants)
            {
                var numbers = outcomes.Where((_, i) => jobs[i].Tenant == t).Select(o => o.Value!.Deal.DealNumber).Order(StringComparer.Ordinal).ToArray();
                Assert.Equal(Enumerable.Range(1, 100).Select(n => $"2033-0102-{n:D4}"), numbers);
                await using var c = await Db.OpenSuperuserAsync();
                var stored = await Sql.ListAsync(c, "SELECT deal_number FROM deals WHERE dealership_id = $1 AND deal_number LIKE '2033-0102-%' ORDER BY deal_number",
                    r => r.GetString(0), t.DealershipId);
                Assert.Equal(numbers, stored);
                Assert.Equal(100, await DealKit.CounterAsync(Db, t.DealershipId, new DateOnly(2033, 1, 2)));
                Assert.Equal(100, await DealKit.CountAsync(Db, "SELECT count(*) FROM vehicles WHERE id = ANY($1) AND status = 'pending'", vehicles[t.DealershipId]));
                Assert.Equal(100, await DealKit.CountAsync(Db,
                    "SELECT count(DISTINCT vehicle_id) FROM deals WHERE dealership_id = $1 AND deal_number LIKE '2033-0102-%'", t.DealershipId));
            }
            await DealKit.AssertInvariantsAsync(Db);
            output.WriteLine($"200 creates over 2 dealerships in {clock.ElapsedMilliseconds} ms; retries {retries.Total} {string.Join(", ", retries.By("cause"))}; " +
                $"asked again after DATABASE_TIMEOUT: {clientRetries}");
        }
        finally
        {
            foreach (var j in jobs) await j.Scope.DisposeAsync();
        }
    }

    [Fact]
    public async Task Ten_parallel_creates_with_one_idempotency_key_create_one_deal_and_all_return_it()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Noon(3));
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.South.DealershipId);
        var request = new CreateDealRequest { CustomerData = DealKit.NewCustomer("Twice"), VehicleId = vehicle.ToString() };
        var key = "double-click-" + Guid.NewGuid().ToString("N");
        var dealsBefore = await DealKit.CountAsync(Db, "SELECT count(*) FROM deals");
        var customersBefore = await DealKit.CountAsync(Db, "SELECT count(*) FROM customers");
        var scopes = Enumerable.Range(0, 10).Select(_ => host.Scope(demo.South.DealershipId, demo.South.Sales1Id)).ToArray();

        try
        {
            var outcomes = await Together.RunAsync(10, i => scopes[i].Get<DealService>().CreateAsync(request, key));

            Assert.True(outcomes.All(o => o.Succeeded), "Failures: " + Describe(outcomes.Select(o => o.Error)));
            var id = Assert.Single(outcomes.Select(o => o.Value!.Deal.Id).Distinct());
            Assert.All(outcomes, o => Assert.Equal("2033-0103-0001", o.Value!.Deal.DealNumber));
            Assert.Equal(dealsBefore + 1, await DealKit.CountAsync(Db, "SELECT count(*) FROM deals"));
            Assert.Equal(customersBefore + 1, await DealKit.CountAsync(Db, "SELECT count(*) FROM customers"));
            Assert.Equal(id, await Db.ScalarAsync<Guid>("SELECT result_id FROM idempotency_keys WHERE key = $1 AND dealership_id = $2", key, demo.South.DealershipId));
            Assert.Equal(1, await DealKit.CountAsync(Db, "SELECT count(*) FROM audit_log WHERE entity_id = $1", id));

            await using var other = host.Scope(demo.South.DealershipId, demo.South.Sales1Id);
            var error = await DealKit.FailsAsync(() => other.Get<DealService>().CreateAsync(request with { Scenario = new ScenarioInput { Price = 1m } }, key),
                ErrorCodes.IdempotencyKeyReused, 422);
            Assert.Equal(id, DealKit.Detail(error, "dealId"));
            Assert.Equal(dealsBefore + 1, await DealKit.CountAsync(Db, "SELECT count(*) FROM deals"));
            await DealKit.AssertInvariantsAsync(Db);
        }
        finally
        {
            foreach (var s in scopes) await s.DisposeAsync();
        }
    }

    [Fact]
    public async Task Parallel_cancel_and_attach_on_one_deal_leave_it_cancelled_with_both_vehicles_available()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Noon(4));
        var customer = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0];
        var orders = new List<string>();
        for (var round = 0; round < 6; round++)
        {
            var held = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
            var other = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
            DealResult deal;
            await using (var s = host.Scope(demo.North.DealershipId, demo.North.Sales1Id))
                deal = await s.Get<DealService>().CreateAsync(DealKit.Request(customer, held));
            await using var a = host.Scope(demo.North.DealershipId, demo.North.Sales1Id);
            await using var b = host.Scope(demo.North.DealershipId, demo.North.Sales2Id);
            var cancelFirstInPairs = round % 2 == 0; // alternate which one the pool starts first

            var outcomes = await Together.RunAsync(2, i => (i == 0) == cancelFirstInPairs
                ? a.Get<DealActions>().CancelAsync(deal.Deal.Id)
                : b.Get<DealActions>().AttachVehicleAsync(deal.Deal.Id, new AttachVehicleRequest { VehicleId = other.ToString() }));

            var cancel = outcomes[cancelFirstInPairs ? 0 : 1];
            var attach = outcomes[cancelFirstInPairs ? 1 : 0];
            Assert.True(cancel.Succeeded, $"Cancel failed: {cancel.Error}");
            Assert.True(attach.Succeeded || attach.Code == ErrorCodes.DealStateInvalid, $"Attach failed unexpectedly: {attach.Error}");
            orders.Add(attach.Succeeded ? "attach→cancel" : "cancel→attach");
            Assert.Equal("CANCELLED", await Db.ScalarAsync<string>("SELECT state FROM deals WHERE id = $1", deal.Deal.Id));
            Assert.Equal("available", await DealKit.VehicleStatusAsync(Db, held));
            Assert.Equal("available", await DealKit.VehicleStatusAsync(Db, other));
            Assert.Equal(attach.Succeeded ? other : held, await Db.ScalarAsync<Guid>("SELECT vehicle_id FROM deals WHERE id = $1", deal.Deal.Id));
            await DealKit.AssertInvariantsAsync(Db);
        }
        output.WriteLine("Orders seen: " + string.Join(", ", orders));
    }

    [Fact]
    public async Task Two_deals_swapping_to_the_same_vehicle_at_once_give_it_to_exactly_one()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Noon(5));
        var customers = await DealKit.CustomersAsync(Db, demo.South.DealershipId);
        for (var round = 0; round < 4; round++)
        {
            var first = await DealKit.AddVehicleAsync(Db, demo.South.DealershipId);
            var second = await DealKit.AddVehicleAsync(Db, demo.South.DealershipId);
            var contested = await DealKit.AddVehicleAsync(Db, demo.South.DealershipId);
            DealResult d1, d2;
            await using (var s = host.Scope(demo.South.DealershipId, demo.South.Sales1Id))
            {
                d1 = await s.Get<DealService>().CreateAsync(DealKit.Request(customers[0], first));
                d2 = await s.Get<DealService>().CreateAsync(DealKit.Request(customers[1], second));
            }
            var deals = new[] { (Deal: d1.Deal.Id, Own: first), (Deal: d2.Deal.Id, Own: second) };
            await using var a = host.Scope(demo.South.DealershipId, demo.South.Sales1Id);
            await using var b = host.Scope(demo.South.DealershipId, demo.South.Sales2Id);
            var scopes = new[] { a, b };

            var outcomes = await Together.RunAsync(2, i =>
                scopes[i].Get<DealActions>().AttachVehicleAsync(deals[i].Deal, new AttachVehicleRequest { VehicleId = contested.ToString() }));

            var winner = Assert.Single(Enumerable.Range(0, 2), i => outcomes[i].Succeeded);
            var loser = 1 - winner;
            Assert.Equal(ErrorCodes.VehicleNotAvailable, outcomes[loser].Code);
            Assert.Equal(contested, await Db.ScalarAsync<Guid>("SELECT vehicle_id FROM deals WHERE id = $1", deals[winner].Deal));
            Assert.Equal(deals[loser].Own, await Db.ScalarAsync<Guid>("SELECT vehicle_id FROM deals WHERE id = $1", deals[loser].Deal));
            Assert.Equal("available", await DealKit.VehicleStatusAsync(Db, deals[winner].Own));
            Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, deals[loser].Own));
            Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, contested));
            await DealKit.AssertInvariantsAsync(Db);
        }
    }

    [Fact]
    public async Task A_create_racing_an_attach_for_the_same_vehicle_gives_it_to_exactly_one()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Noon(6));
        var customers = await DealKit.CustomersAsync(Db, demo.North.DealershipId);
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        DealResult blank;
        await using (var s = host.Scope(demo.North.DealershipId, demo.North.Sales1Id))
            blank = await s.Get<DealService>().CreateAsync(DealKit.Request(customers[0]));
        await using var a = host.Scope(demo.North.DealershipId, demo.North.Sales1Id);
        await using var b = host.Scope(demo.North.DealershipId, demo.North.Sales2Id);

        var outcomes = await Together.RunAsync(2, i => i == 0
            ? a.Get<DealActions>().AttachVehicleAsync(blank.Deal.Id, new AttachVehicleRequest { VehicleId = vehicle.ToString() })
            : b.Get<DealService>().CreateAsync(DealKit.Request(customers[1], vehicle)));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Equal(ErrorCodes.VehicleNotAvailable, Assert.Single(outcomes, o => !o.Succeeded).Code);
        Assert.Equal(1, await DealKit.CountAsync(Db, "SELECT count(*) FROM deals WHERE vehicle_id = $1", vehicle));
        Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, vehicle));
        var numbers = await DealKit.CountAsync(Db, "SELECT count(*) FROM deals WHERE dealership_id = $1 AND deal_number LIKE '2033-0106-%'", demo.North.DealershipId);
        Assert.Equal(numbers, await DealKit.CounterAsync(Db, demo.North.DealershipId, new DateOnly(2033, 1, 6))); // a refused create took no number
        await DealKit.AssertInvariantsAsync(Db);
    }
}

[CollectionDefinition(nameof(DealConcurrencyTests), DisableParallelization = true)]
public sealed class DealConcurrencyCollection;
