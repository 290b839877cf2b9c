using System.Data;
using System.Text.Json;
using DealDesk.Data.Monitoring;
using DealDesk.Data.Seeding;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Monitoring.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealDesk.Tests.Monitoring;

/// <summary>
/// The dashboard's numbers are real: each test makes something happen in the app or the database (real PostgreSQL)
/// and finds it in the JSON endpoints, waiting on the sampler's snapshots rather than for a fixed time.
/// </summary>
public sealed class MonitoringNumbersTests(MonitoringFixture fixture) : IClassFixture<MonitoringFixture>
{
    static readonly DemoData.DemoDealership NorthDemo = DemoData.Dealerships[0];
    static readonly DemoData.DemoDealership SouthDemo = DemoData.Dealerships[1];

    [Fact]
    public async Task After_N_deal_creations_the_operation_count_rises_by_N_and_its_latency_histogram_fills()
    {
        var north = (await fixture.Db.DemoAsync()).North;
        using var manager = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(NorthDemo));
        using var seller = await ApiKit.ClientAsync(fixture.App, DemoData.SalesEmail(NorthDemo, 1));
        var customers = await DealKit.CustomersAsync(fixture.Db, north.DealershipId);
        var before = OperationTotal(await TransactionStatsAsync(manager), "deals.create");

        const int n = 4;
        for (var i = 0; i < n; i++)
        {
            var created = await ApiKit.PostAsync(seller, "/api/deals", DealKit.Request(customers[i]));
            Assert.True(created.Status == 201, created.ToString());
        }

        await fixture.Sampler.WaitForAsync(north.DealershipId, s => s.Operations.Any(o => o.Operation == "deals.create" && o.Total == before + n));
        var stats = await TransactionStatsAsync(manager);
        var op = Operation(stats, "deals.create");
        Assert.Equal(before + n, op.GetProperty("total").GetInt64());
        Assert.True(op.GetProperty("count").GetInt64() >= n, "the window counts them too");
        var (p50, p95, p99) = (op.GetProperty("p50Ms").GetDouble(), op.GetProperty("p95Ms").GetDouble(), op.GetProperty("p99Ms").GetDouble());
        Assert.True(p50 > 0 && p50 <= p95 && p95 <= p99, $"p50 {p50} ≤ p95 {p95} ≤ p99 {p99}");
        Assert.True(stats.GetProperty("transactions").GetProperty("commits").GetInt64() >= n);
    }

    [Fact]
    public async Task A_command_over_the_threshold_appears_in_slow_queries_with_its_correlation_id_and_without_its_parameters()
    {
        var north = (await fixture.Db.DemoAsync()).North;
        using var manager = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(NorthDemo));
        var dataSource = fixture.App.Services.GetRequiredService<NpgsqlDataSource>();

        using (Attribution.Begin(WorkAttribution.Fixed("slow-probe-7f3a", north.DealershipId)))
        await using (var cmd = dataSource.CreateCommand("SELECT pg_sleep($1)"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = 0.31415 });
            await cmd.ExecuteNonQueryAsync();
        }

        var reply = await ApiKit.GetAsync(manager, "/api/db/slow-queries");
        Assert.True(reply.Status == 200, reply.ToString());
        Assert.Equal(250, reply.Data.GetProperty("thresholdMs").GetInt32());
        var slow = Assert.Single(reply.Data.GetProperty("queries").EnumerateArray(), q => q.GetProperty("correlationId").GetString() == "slow-probe-7f3a");
        Assert.Equal("SELECT pg_sleep($1)", slow.GetProperty("sql").GetString());
        Assert.True(slow.GetProperty("durationMs").GetDouble() >= 300);
        Assert.DoesNotContain("0.31415", reply.Body, StringComparison.Ordinal);

        // The query history has it too, and the sampler counts it in the window.
        var history = await ApiKit.GetAsync(manager, "/api/db/query-history");
        Assert.Contains(history.Data.GetProperty("commands").EnumerateArray(), c => c.GetProperty("correlationId").GetString() == "slow-probe-7f3a");
        await fixture.Sampler.WaitForAsync(north.DealershipId, s => s.SlowQueries.Count >= 1);
    }

    [Fact]
    public async Task Another_dealerships_slow_query_is_not_listed_for_a_manager()
    {
        var demo = await fixture.Db.DemoAsync();
        using var northManager = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(NorthDemo));
        var dataSource = fixture.App.Services.GetRequiredService<NpgsqlDataSource>();

        using (Attribution.Begin(WorkAttribution.Fixed("south-slow-91c2", demo.South.DealershipId)))
        await using (var cmd = dataSource.CreateCommand("SELECT pg_sleep(0.3)"))
            await cmd.ExecuteNonQueryAsync();

        using var southManager = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(SouthDemo));
        Assert.Contains("south-slow-91c2", (await ApiKit.GetAsync(southManager, "/api/db/slow-queries")).Body);
        Assert.DoesNotContain("south-slow-91c2", (await ApiKit.GetAsync(northManager, "/api/db/slow-queries")).Body);
        Assert.DoesNotContain("south-slow-91c2", (await ApiKit.GetAsync(northManager, "/api/db/query-history")).Body);
    }

    [Fact]
    public async Task A_serialization_failure_shows_as_a_retry_of_its_operation()
    {
        var north = (await fixture.Db.DemoAsync()).North;
        using var manager = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(NorthDemo));
        var vehicle = await DealKit.AddVehicleAsync(fixture.Db, north.DealershipId);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        (tenant.DealershipId, tenant.UserId) = (north.DealershipId, north.ManagerId);
        var runner = scope.ServiceProvider.GetRequiredService<TransactionRunner>();

        var attempts = 0;
        await runner.RunAsync("monitoring.retry_probe", TransactionSettings.Serializable, async (db, ct) =>
        {
            attempts++;
            await db.Database.ExecuteSqlRawAsync("SELECT price FROM vehicles WHERE id = {0}", [vehicle], ct); // the snapshot is taken
            if (attempts == 1) await fixture.Db.ExecuteAsync("UPDATE vehicles SET price = price + 1 WHERE id = $1", vehicle); // someone else commits
            await db.Database.ExecuteSqlRawAsync("UPDATE vehicles SET price = price + 1 WHERE id = {0}", [vehicle], ct); // 40001 the first time
            return 0;
        });
        Assert.Equal(2, attempts);

        await fixture.Sampler.WaitForAsync(north.DealershipId,
            s => s.Operations.Any(o => o.Operation == "monitoring.retry_probe" && o.Count == 1 && o.RetriesByState.ContainsKey("40001")));
        var stats = await TransactionStatsAsync(manager);
        var op = Operation(stats, "monitoring.retry_probe");
        Assert.Equal(1, op.GetProperty("retriesByState").GetProperty("40001").GetInt64());
        Assert.Equal(0, op.GetProperty("failed").GetInt64());
        Assert.True(stats.GetProperty("transactions").GetProperty("retriesByState").GetProperty("40001").GetInt64() >= 1);
    }

    [Fact]
    public async Task A_row_that_breaks_an_invariant_turns_its_dealerships_integrity_red_and_only_its()
    {
        var demo = await fixture.Db.DemoAsync();
        using var northManager = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(NorthDemo));
        using var southManager = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(SouthDemo));
        var health = await ApiKit.GetAsync(northManager, "/api/db/health");
        Assert.Equal("ok", health.Data.GetProperty("integrity").GetProperty("status").GetString());

        // As superuser: a vehicle marked pending with no open deal holding it.
        var vehicle = await DealKit.AddVehicleAsync(fixture.Db, demo.North.DealershipId, status: "pending");
        try
        {
            await fixture.Sampler.WaitForAsync(demo.North.DealershipId, s => s.IntegrityFor(demo.North.DealershipId) is { Holds: false });
            health = await ApiKit.GetAsync(northManager, "/api/db/health");
            var integrity = health.Data.GetProperty("integrity");
            Assert.Equal("failing", integrity.GetProperty("status").GetString());
            var checks = integrity.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("violations").GetInt64());
            Assert.Equal(1, checks["pending_vehicles_without_open_deal"]);
            Assert.Equal(1, checks["vehicle_pending_iff_open_deal"]);
            Assert.Equal(0, checks["scenarios_without_deal"]);
            Assert.Contains(health.Data.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("title").GetString() == "Integrity check failing");

            var south = await ApiKit.GetAsync(southManager, "/api/db/health");
            Assert.Equal("ok", south.Data.GetProperty("integrity").GetProperty("status").GetString());
            Assert.DoesNotContain(south.Data.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("title").GetString() == "Integrity check failing");
        }
        finally
        {
            await fixture.Db.ExecuteAsync("DELETE FROM vehicles WHERE id = $1", vehicle);
        }
        await fixture.Sampler.WaitForAsync(demo.North.DealershipId, s => s.IntegrityFor(demo.North.DealershipId) is { Holds: true });
    }

    [Fact]
    public async Task A_lead_left_without_its_conversation_turns_the_leads_check_red()
    {
        var demo = await fixture.Db.DemoAsync();
        using var northManager = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(NorthDemo));

        // As superuser, past the function that always creates both: a lead with no conversation.
        var lead = Guid.NewGuid();
        await fixture.Db.ExecuteAsync(
            "INSERT INTO leads (id, dealership_id, customer_phone, customer_name, type, status, source) VALUES ($1, $2, '+13125550199', 'Orphan Lead', 'other', 'new', 'web')",
            lead, demo.North.DealershipId);
        try
        {
            await fixture.Sampler.WaitForAsync(demo.North.DealershipId, s => s.IntegrityFor(demo.North.DealershipId) is { Holds: false });
            var integrity = (await ApiKit.GetAsync(northManager, "/api/db/health")).Data.GetProperty("integrity");
            var checks = integrity.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("violations").GetInt64());
            Assert.Equal("failing", integrity.GetProperty("status").GetString());
            Assert.Equal(1, checks["leads_without_conversation"]);
            Assert.Equal(0, checks["converted_leads_without_deal"]);
        }
        finally
        {
            await fixture.Db.ExecuteAsync("DELETE FROM leads WHERE id = $1", lead);
        }
        await fixture.Sampler.WaitForAsync(demo.North.DealershipId, s => s.IntegrityFor(demo.North.DealershipId) is { Holds: true });
    }

    [Fact]
    public async Task Holding_every_pool_connection_shows_waiting_requests_raises_the_alert_and_posts_to_the_webhook()
    {
        using var manager = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(NorthDemo));
        var dataSource = fixture.App.Services.GetRequiredService<NpgsqlDataSource>();
        using var probe = fixture.App.CreateClient();
        var held = new List<NpgsqlConnection>();
        List<Task<NpgsqlConnection>> waiting;
        try
        {
            for (var i = 0; i < 3; i++) held.Add(await dataSource.OpenConnectionAsync()); // DB_POOL_MAX=3
            waiting = [dataSource.OpenConnectionAsync().AsTask(), dataSource.OpenConnectionAsync().AsTask()];

            var pool = (await ApiKit.GetAsync(manager, "/api/db/pool-metrics")).Data.GetProperty("pool");
            Assert.Equal(3, pool.GetProperty("used").GetInt32());
            Assert.Equal(3, pool.GetProperty("max").GetInt32());
            Assert.Equal(2, pool.GetProperty("waiting").GetInt32());
            Assert.True(pool.GetProperty("exhausted").GetBoolean());

            var ready = await probe.GetAsync("/health/ready");
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("exhausted", await ready.Content.ReadAsStringAsync());

            var started = await fixture.Webhook.WaitForAsync(m => m.Contains("Requests are waiting for a database connection", StringComparison.Ordinal)
                                                                   && !m.Contains("cleared", StringComparison.Ordinal));
            Assert.Contains("2 waiting (threshold 1)", started);
            Assert.Contains(fixture.Sampler.Latest!.Alerts, a => a.Key == "pool.waiting");
            var health = await ApiKit.GetAsync(manager, "/api/db/health");
            Assert.Contains(health.Data.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("key").GetString() == "pool.waiting");
        }
        finally
        {
            foreach (var c in held) await c.DisposeAsync();
        }
        foreach (var c in await Task.WhenAll(waiting)) await c.DisposeAsync();

        var cleared = await fixture.Webhook.WaitForAsync(m => m.StartsWith("DealDesk alert cleared", StringComparison.Ordinal)
                                                               && m.Contains("Requests are waiting", StringComparison.Ordinal));
        Assert.Contains(fixture.Sampler.Instance, cleared);
        Assert.Single(fixture.Logs.Events, e => e.RenderMessage().StartsWith("Alert started", StringComparison.Ordinal) && e.RenderMessage().Contains("Requests are waiting"));
        Assert.Single(fixture.Logs.Events, e => e.RenderMessage().StartsWith("Alert cleared", StringComparison.Ordinal) && e.RenderMessage().Contains("Requests are waiting"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task A_lock_held_by_one_session_shows_the_blocked_one_with_its_wait_time()
    {
        var north = (await fixture.Db.DemoAsync()).North;
        using var manager = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(NorthDemo));
        var vehicle = await DealKit.AddVehicleAsync(fixture.Db, north.DealershipId);
        await using var holder = await TestDatabase.OpenAsync(fixture.Db.SuperuserConnectionString + ";Pooling=false");
        await using var waiter = await TestDatabase.OpenAsync(fixture.Db.SuperuserConnectionString + ";Pooling=false");
        await using var tx = await holder.BeginTransactionAsync();
        await Sql.ExecuteAsync(holder, "UPDATE vehicles SET price = price WHERE id = $1", vehicle);

        var blocked = Sql.ExecuteAsync(waiter, "UPDATE vehicles SET trim = 'blocked probe' WHERE id = $1", vehicle);
        try
        {
            await fixture.Sampler.WaitForAsync(north.DealershipId,
                s => s.Database?.Latest.Blocked.Any(b => b.Pid == waiter.ProcessID && b.WaitingMs > 0) == true);
            Assert.False(blocked.IsCompleted);

            var metrics = await ApiKit.GetAsync(manager, "/api/db/metrics");
            var row = Assert.Single(metrics.Data.GetProperty("database").GetProperty("blocked").EnumerateArray(),
                b => b.GetProperty("pid").GetInt32() == waiter.ProcessID);
            Assert.Equal(holder.ProcessID, row.GetProperty("blockerPid").GetInt32());
            Assert.Contains("UPDATE vehicles SET trim", row.GetProperty("query").GetString());
            Assert.Contains("UPDATE vehicles SET price", row.GetProperty("blockerQuery").GetString());
            Assert.Equal("idle in transaction", row.GetProperty("blockerState").GetString());
            Assert.True(row.GetProperty("waitingMs").GetDouble() > 0);
        }
        finally
        {
            // Release the lock and let the waiting statement finish before its connection is disposed (one user per connection).
            await tx.RollbackAsync();
            await blocked.WaitAsync(TimeSpan.FromSeconds(30));
        }
        await fixture.Sampler.WaitForAsync(north.DealershipId, s => s.Database?.Latest.Blocked.Any(b => b.Pid == waiter.ProcessID) == false);
    }

    static async Task<JsonElement> TransactionStatsAsync(HttpClient manager)
    {
        var reply = await ApiKit.GetAsync(manager, "/api/db/transaction-stats");
        Assert.True(reply.Status == 200, reply.ToString());
        return reply.Data;
    }

    static JsonElement Operation(JsonElement stats, string name) =>
        Assert.Single(stats.GetProperty("operations").EnumerateArray(), o => o.GetProperty("operation").GetString() == name);

    static long OperationTotal(JsonElement stats, string name) =>
        stats.GetProperty("operations").EnumerateArray().Where(o => o.GetProperty("operation").GetString() == name)
            .Select(o => o.GetProperty("total").GetInt64()).SingleOrDefault();
}
