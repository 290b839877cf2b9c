using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Transactions;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace DealDesk.Tests.Deals;

/// <summary>
/// Deal creation is all or nothing: a failure after any step (through the IDealStepObserver seam, inside the
/// transaction) leaves every table exactly as it was, the vehicle available and the day's counter untouched.
/// </summary>
public sealed class DealFaultTests(DatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    static DateTimeOffset Noon(int day) => new(2034, 2, day, 18, 0, 0, TimeSpan.Zero);

    public static TheoryData<DealStep> Steps => [.. Enum.GetValues<DealStep>()];

    [Fact]
    public void Every_step_is_covered_in_order()
    {
        Assert.Equal(
            [DealStep.CustomerResolved, DealStep.NumberAllocated, DealStep.DealInserted, DealStep.VehicleReserved, DealStep.ScenarioCreated, DealStep.AuditWritten],
            Enum.GetValues<DealStep>());
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task A_failure_after_any_step_leaves_every_table_unchanged(DealStep failAt)
    {
        var demo = await Db.DemoAsync();
        var day = new DateOnly(2034, 2, 1 + (int)failAt);
        var injected = new InvalidOperationException($"injected fault after {failAt}");
        var probe = new StepProbe((step, _, _) => step == failAt ? throw injected : Task.CompletedTask);
        await using var host = DealHost.Create(Db, Noon(day.Day), probe);
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var request = new CreateDealRequest
        {
            CustomerData = DealKit.NewCustomer($"Fault{failAt}"), VehicleId = vehicle.ToString(),
            Scenario = new ScenarioInput { DownPayment = 2_000m },
        };
        var before = await DbSnapshot.TakeAsync(Db);

        await using (var scope = host.Scope(demo.North.DealershipId, demo.North.Sales1Id))
        {
            var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Get<DealService>().CreateAsync(request, "fault-" + failAt));
            Assert.Same(injected, thrown); // not a transient error: surfaces unchanged, never retried
        }

        Assert.Equal(1, probe.Calls(failAt));
        foreach (var later in Enum.GetValues<DealStep>().Where(s => s > failAt)) Assert.Equal(0, probe.Calls(later));
        await before.AssertUnchangedAsync(Db);
        Assert.Equal("available", await DealKit.VehicleStatusAsync(Db, vehicle));
        Assert.Equal(0, await DealKit.CounterAsync(Db, demo.North.DealershipId, day));
        Assert.Equal(0, await DealKit.CountAsync(Db, "SELECT count(*) FROM customers WHERE last_name = $1", $"Fault{failAt}"));

        // The same request then goes through: the number is the day's first, the key was not taken.
        probe.Action = null;
        await using (var scope = host.Scope(demo.North.DealershipId, demo.North.Sales1Id))
        {
            var result = await scope.Get<DealService>().CreateAsync(request, "fault-" + failAt);
            Assert.Equal($"{day:yyyy}-{day:MMdd}-0001", result.Deal.DealNumber);
        }
        Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, vehicle));
        await DealKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task A_typed_failure_inside_the_unit_surfaces_as_is_and_rolls_back()
    {
        var demo = await Db.DemoAsync();
        var typed = new DealDeskException(AppError.Conflict(ErrorCodes.DealStateInvalid, "stop here"));
        var probe = new StepProbe((step, _, _) => step == DealStep.ScenarioCreated ? throw typed : Task.CompletedTask);
        await using var host = DealHost.Create(Db, Noon(10), probe);
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.South.DealershipId);
        var customer = (await DealKit.CustomersAsync(Db, demo.South.DealershipId))[0];
        var before = await DbSnapshot.TakeAsync(Db);
        await using var scope = host.Scope(demo.South.DealershipId, demo.South.Sales1Id);

        var thrown = await Assert.ThrowsAsync<DealDeskException>(() => scope.Get<DealService>().CreateAsync(DealKit.Request(customer, vehicle)));

        Assert.Same(typed, thrown);
        await before.AssertUnchangedAsync(Db);
        Assert.Equal("available", await DealKit.VehicleStatusAsync(Db, vehicle));
    }

    [Fact]
    public async Task The_backend_terminated_mid_transaction_is_retried_on_a_new_connection_and_creates_exactly_one_deal()
    {
        var demo = await Db.DemoAsync();
        var day = new DateOnly(2034, 2, 11);
        var (probe, observedState) = Terminator(day, attempts: 1);
        await using var host = DealHost.Create(Db, Noon(day.Day), probe);
        using var retries = host.Listen("dealdesk.transactions.retries");
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var request = new CreateDealRequest { CustomerData = DealKit.NewCustomer("Terminated"), VehicleId = vehicle.ToString() };

        DealResult result;
        await using (var scope = host.Scope(demo.North.DealershipId, demo.North.Sales1Id))
            result = await scope.Get<DealService>().CreateAsync(request);

        output.WriteLine($"Created {result.Deal.DealNumber}; retries {retries.Total} ({string.Join(", ", retries.By("cause"))}); DealInserted reached {probe.Calls(DealStep.DealInserted)}×");
        // PostgreSQL answers the termination with FATAL 57P01; the runner treats it as a lost connection
        // (08006), rolls the attempt back with the connection and runs the whole unit again.
        Assert.Equal("57P01", observedState());
        Assert.Equal(1, retries.Total);
        Assert.Contains("08006", retries.By("cause"));
        Assert.Equal(2, probe.Calls(DealStep.DealInserted));
        Assert.Equal($"{day:yyyy}-{day:MMdd}-0001", result.Deal.DealNumber); // the aborted attempt used no number
        Assert.Equal(1, await DealKit.CounterAsync(Db, demo.North.DealershipId, day));
        Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, vehicle));
        await DealKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task A_backend_terminated_on_every_attempt_fails_with_DATABASE_UNAVAILABLE_and_leaves_nothing()
    {
        var demo = await Db.DemoAsync();
        var day = new DateOnly(2034, 2, 12);
        var (probe, _) = Terminator(day, attempts: int.MaxValue);
        await using var host = DealHost.Create(Db, Noon(day.Day), probe);
        using var retries = host.Listen("dealdesk.transactions.retries");
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var request = new CreateDealRequest { CustomerData = DealKit.NewCustomer("Terminated"), VehicleId = vehicle.ToString() };
        var before = await DbSnapshot.TakeAsync(Db);

        DealDeskException failure;
        await using (var scope = host.Scope(demo.North.DealershipId, demo.North.Sales1Id))
            failure = await Assert.ThrowsAsync<DealDeskException>(() => scope.Get<DealService>().CreateAsync(request));

        Assert.Equal((ErrorCodes.DatabaseUnavailable, 503, true), (failure.Error.Code, failure.Error.Status, failure.Error.Retryable));
        Assert.Equal(3, retries.Total);
        Assert.Equal(4, probe.Calls(DealStep.DealInserted));
        await before.AssertUnchangedAsync(Db);
        Assert.Equal("available", await DealKit.VehicleStatusAsync(Db, vehicle));
        Assert.Equal(0, await DealKit.CounterAsync(Db, demo.North.DealershipId, day));

        // The pool threw the dead connections away: the next unit works.
        await using var healthy = DealHost.Create(Db, Noon(day.Day));
        await using (var scope = healthy.Scope(demo.North.DealershipId, demo.North.Sales1Id))
            Assert.Equal($"{day:yyyy}-{day:MMdd}-0001", (await scope.Get<DealService>().CreateAsync(request)).Deal.DealNumber);
        await DealKit.AssertInvariantsAsync(Db);
    }

    /// <summary>Kills its own backend right after the deal row is inserted, on the first <paramref name="attempts"/> attempts.</summary>
    private static (StepProbe Probe, Func<string?> ObservedState) Terminator(DateOnly day, int attempts)
    {
        var terminations = 0;
        string? observed = null;
        var probe = new StepProbe(async (step, db, ct) =>
        {
            if (step != DealStep.DealInserted || Interlocked.Increment(ref terminations) > attempts) return;
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            Assert.Equal(1, await db.Deals.CountAsync(d => d.DealNumber == $"{day:yyyy}-{day:MMdd}-0001", ct)); // really mid-transaction
            await using var cmd = new NpgsqlCommand("SELECT pg_terminate_backend(pg_backend_pid())", connection);
            try
            {
                await cmd.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e)
            {
                observed = e.SqlState;
                throw;
            }
        });
        return (probe, () => observed);
    }
}
