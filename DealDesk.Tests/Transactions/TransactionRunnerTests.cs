using System.Diagnostics;
using DealDesk.Data;
using DealDesk.Data.Customers;
using DealDesk.Data.Diagnostics;
using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Data.Transactions;
using DealDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Transactions;

/// <summary>The one transaction runner, against real PostgreSQL: isolation, retries, rollback, timeout, tenant.</summary>
public sealed class TransactionRunnerTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    static string Operation(string name) => $"test.{name}.{Guid.NewGuid():N}";

    /// <summary>Two North vehicles no other test in this class touches (each test picks its own by stock number).</summary>
    async Task<(Guid A, Guid B)> VehiclesAsync(string stockA, string stockB)
    {
        var demo = await Db.DemoAsync();
        var a = await Db.ScalarAsync<Guid>("SELECT id FROM vehicles WHERE dealership_id = $1 AND stock_number = $2", demo.North.DealershipId, stockA);
        var b = await Db.ScalarAsync<Guid>("SELECT id FROM vehicles WHERE dealership_id = $1 AND stock_number = $2", demo.North.DealershipId, stockB);
        Assert.NotEqual(Guid.Empty, a);
        Assert.NotEqual(Guid.Empty, b);
        return (a, b);
    }

    [Fact]
    public async Task Write_skew_between_serializable_units_is_retried_until_both_commit_consistently()
    {
        // The rule both units enforce: at most one of the two vehicles may be on hold (pending).
        // Each reads "none pending", then puts its own vehicle on hold: classic write skew, which only
        // SERIALIZABLE catches (40001). The retry re-reads, sees the other's hold and leaves its own alone.
        var demo = await Db.DemoAsync();
        var (first, second) = await VehiclesAsync("N1001", "N1002");
        var operation = Operation("write-skew");
        using var retries = new MetricsCapture(DealDeskMetrics.MeterName, "dealdesk.transactions.retries");
        using var commits = new MetricsCapture(DealDeskMetrics.MeterName, "dealdesk.transactions.commits");

        var readFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readSecond = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = new int[2];

        async Task<bool> HoldAsync(int unit, Guid mine, TaskCompletionSource iRead, TaskCompletionSource otherRead)
        {
            await using var scope = Db.CreateScope(demo.North.DealershipId);
            var runner = scope.ServiceProvider.GetRequiredService<TransactionRunner>();
            // A budget well above the meeting point's wait, so a slow machine fails on the wait's clear message.
            var settings = TransactionSettings.Serializable with { Timeout = TimeSpan.FromSeconds(30) };
            return await runner.RunAsync(operation, settings, async (db, ct) =>
            {
                var attempt = Interlocked.Increment(ref attempts[unit]);
                var onHold = await db.Vehicles.CountAsync(v => (v.Id == first || v.Id == second) && v.Status == VehicleStatus.Pending, ct);
                if (attempt == 1)
                {
                    // Only the first attempts meet: both must have read before either writes. Retries run freely.
                    iRead.TrySetResult();
                    await otherRead.Task.WaitAsync(TimeSpan.FromSeconds(20), ct);
                }
                if (onHold > 0) return false;
                var vehicle = await db.Vehicles.SingleAsync(v => v.Id == mine, ct);
                vehicle.Status = VehicleStatus.Pending;
                return true;
            });
        }

        var results = await Task.WhenAll(
            HoldAsync(0, first, readFirst, readSecond),
            HoldAsync(1, second, readSecond, readFirst)).WaitAsync(TimeSpan.FromSeconds(60));

        var pending = await Db.ScalarAsync<long>("SELECT count(*) FROM vehicles WHERE id = ANY($1) AND status = 'pending'", new[] { first, second });
        Assert.Equal(1, pending); // consistent: exactly one hold, not two
        Assert.Single(results, held => held); // exactly one unit placed it; the other, retried, saw it and stood down
        var ours = retries.Where("operation", operation);
        Assert.NotEmpty(ours);
        Assert.All(ours, m => Assert.Equal(TransientErrors.SerializationFailure, m.Tag("cause")));
        Assert.True(attempts.Sum() >= 3, $"Expected a retry, saw attempts {attempts[0]} + {attempts[1]}.");
        Assert.Equal(attempts.Sum() - 2, ours.Count); // every extra attempt was counted as a retry
        Assert.Equal(2, commits.Where("operation", operation).Count);
    }

    [Fact]
    public async Task A_typed_error_rolls_the_unit_back_and_comes_out_unchanged()
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId);
        var runner = scope.ServiceProvider.GetRequiredService<TransactionRunner>();
        var error = new DealDeskException(AppError.Conflict(ErrorCodes.VehicleNotAvailable, "That vehicle is already sold."));
        var marker = "Rollback" + Guid.NewGuid().ToString("N")[..8];

        var thrown = await Assert.ThrowsAsync<DealDeskException>(() => runner.RunAsync<int>(Operation("typed-error"), async (db, ct) =>
        {
            db.Customers.Add(new Customer { DealershipId = demo.North.DealershipId, FirstName = "Rita", LastName = marker });
            await db.SaveChangesAsync(ct); // really sent to the database, inside the transaction
            Assert.Equal(1, await db.Customers.CountAsync(c => c.LastName == marker, ct));
            throw error;
        }));

        Assert.Same(error, thrown);
        Assert.Equal(ErrorCodes.VehicleNotAvailable, thrown.Error.Code);
        Assert.Equal(0, await Db.ScalarAsync<long>("SELECT count(*) FROM customers WHERE last_name = $1", marker));
    }

    [Fact]
    public async Task A_unit_over_its_time_budget_is_stopped_with_DATABASE_TIMEOUT_and_rolled_back()
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId);
        var runner = scope.ServiceProvider.GetRequiredService<TransactionRunner>();
        var marker = "Timeout" + Guid.NewGuid().ToString("N")[..8];
        var settings = TransactionSettings.Default with { Timeout = TimeSpan.FromMilliseconds(300) };
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<DealDeskException>(() => runner.RunAsync<int>(Operation("timeout"), settings, async (db, ct) =>
        {
            db.Customers.Add(new Customer { DealershipId = demo.North.DealershipId, FirstName = "Tim", LastName = marker });
            await db.SaveChangesAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(5)", ct);
            return 0;
        }));

        Assert.Equal(ErrorCodes.DatabaseTimeout, ex.Error.Code);
        Assert.True(ex.Error.Retryable);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"The unit ran {clock.Elapsed.TotalMilliseconds:F0} ms: the 5 s sleep was not cut short.");
        Assert.Equal(0, await Db.ScalarAsync<long>("SELECT count(*) FROM customers WHERE last_name = $1", marker));
    }

    [Fact]
    public async Task The_unit_runs_with_the_tenant_and_its_time_budget_set_locally()
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.South.DealershipId);
        var runner = scope.ServiceProvider.GetRequiredService<TransactionRunner>();

        var (tenant, timeout, visible, isolation) = await runner.RunAsync(Operation("tenant"), TransactionSettings.Serializable, async (db, ct) =>
        {
            var t = await Scalar(db, "SELECT current_setting('app.dealership_id') AS \"Value\"", ct);
            var s = await Scalar(db, "SELECT setting AS \"Value\" FROM pg_settings WHERE name = 'statement_timeout'", ct);
            var i = await Scalar(db, "SELECT current_setting('transaction_isolation') AS \"Value\"", ct);
            return (t, int.Parse(s), await db.Vehicles.CountAsync(ct), i);
        });

        Assert.Equal(demo.South.DealershipId.ToString(), tenant);
        // SET LOCAL statement_timeout = what is left of the 10 s budget, not the 30 s session default.
        Assert.InRange(timeout, 1, 10_000);
        Assert.Equal(40, visible);
        Assert.Equal("serializable", isolation);
    }

    [Fact]
    public async Task Work_done_in_the_unit_is_committed_once()
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId);
        var runner = scope.ServiceProvider.GetRequiredService<TransactionRunner>();
        var marker = "Commit" + Guid.NewGuid().ToString("N")[..8];

        var id = await runner.RunAsync(Operation("commit"), (db, _) =>
        {
            var customer = new Customer { Id = Guid.NewGuid(), DealershipId = demo.North.DealershipId, FirstName = "Carl", LastName = marker };
            db.Customers.Add(customer); // saved by the runner, not by the unit
            return Task.FromResult(customer.Id);
        });

        Assert.Equal(1, await Db.ScalarAsync<long>("SELECT count(*) FROM customers WHERE id = $1 AND last_name = $2", id, marker));
    }

    static Task<string> Scalar(DealDeskDbContext db, string sql, CancellationToken ct) =>
        db.Database.SqlQueryRaw<string>(sql).SingleAsync(ct);
}
