using Bunit;
using DealDesk.Data.Monitoring;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.Components.Pages.Monitoring.Components;

namespace DealDesk.Tests.Monitoring.Components;

/// <summary>The first look renders from a snapshot alone: values, captions, whose number it is, and the status colour.</summary>
public sealed class MonitoringTilesTests : ComponentTest
{
    IRenderedComponent<MonitoringTiles> Render(MonitoringSnapshot snapshot, IReadOnlyList<Alert>? alerts = null) =>
        Render<MonitoringTiles>(p => p.Add(t => t.View, new DashboardView(
            snapshot, snapshot.IntegrityFor(TestSnapshots.Dealership), alerts ?? [], [], [])));

    static string Status(IRenderedComponent<MonitoringTiles> tiles, string testId) =>
        tiles.Find($"[data-testid='{testId}']").GetAttribute("data-status")!;

    static string Text(IRenderedComponent<MonitoringTiles> tiles, string testId) => tiles.Find($"[data-testid='{testId}']").TextContent;

    [Fact]
    public void A_healthy_instance_shows_green_tiles_with_the_pool_the_rates_and_each_operations_p95()
    {
        var tiles = Render(TestSnapshots.Healthy());

        Assert.Equal("ok", Status(tiles, "db-health"));
        Assert.Contains("PostgreSQL 15.8 reachable", Text(tiles, "db-health"));
        Assert.Contains("database", Text(tiles, "db-health"));
        Assert.Equal("3 / 20", tiles.Find("[data-testid=tile-pool-value]").TextContent);
        Assert.Contains("0 waiting", Text(tiles, "tile-pool"));
        Assert.Contains("instance", Text(tiles, "tile-pool"));
        Assert.Equal("ok", Status(tiles, "tile-pool"));
        Assert.Equal("ok", Status(tiles, "tile-integrity"));
        Assert.Equal("All checks pass", tiles.Find("[data-testid=tile-integrity-value]").TextContent);
        Assert.Equal("0", tiles.Find("[data-testid=tile-blocked-value]").TextContent);
        Assert.Contains("40001 ×1", Text(tiles, "tile-retries"));
        Assert.Equal("2.0 %", tiles.Find("[data-testid=tile-errors-value]").TextContent); // 1 failed of 49 units of work
        Assert.Contains("Deal creation", Text(tiles, "latency-deals.create"));
        Assert.Contains("42 ms", Text(tiles, "latency-deals.create"));
        Assert.Contains("Quick quote", Text(tiles, "latency-quick_quotes.create"));
    }

    [Fact]
    public void Waiting_requests_an_exhausted_pool_and_a_broken_invariant_turn_their_tiles_red()
    {
        var s = TestSnapshots.Healthy();
        s = s with
        {
            Pool = s.Pool with { Used = 20, Waiting = 7 },
            Health = s.Health with { PoolExhausted = true },
            Integrity = new Dictionary<Guid, IntegrityStatus> { [TestSnapshots.Dealership] = TestSnapshots.Integrity(2) },
        };

        var tiles = Render(s);

        Assert.Equal("bad", Status(tiles, "tile-pool"));
        Assert.Contains("7 waiting", Text(tiles, "tile-pool"));
        Assert.Equal("warning", Status(tiles, "db-health"));
        Assert.Contains("pool exhausted", Text(tiles, "db-health"));
        Assert.Equal("bad", Status(tiles, "tile-integrity"));
        Assert.Equal("2 problems", tiles.Find("[data-testid=tile-integrity-value]").TextContent);
        Assert.Contains("pending vehicles without open deal", Text(tiles, "tile-integrity"));
    }

    [Fact]
    public void An_unreachable_database_and_a_blocked_session_say_so()
    {
        var s = TestSnapshots.Healthy();
        var blocked = new BlockedSession(101, "dealdesk_app", "DealDesk", "UPDATE vehicles SET price = $1 WHERE id = $2", 7300, "transactionid",
            99, "dealdesk_app", "DealDesk", "idle in transaction", "SELECT 1", 9000);
        s = s with
        {
            Health = s.Health with { DatabaseReachable = false, Error = "Connection refused" },
            Database = s.Database! with { Latest = TestSnapshots.Reading(blocked) },
        };

        var tiles = Render(s);

        Assert.Equal("bad", Status(tiles, "db-health"));
        Assert.Equal("Unhealthy", tiles.Find("[data-testid=db-health-value]").TextContent);
        Assert.Contains("Connection refused", Text(tiles, "db-health"));
        Assert.Equal("1", tiles.Find("[data-testid=tile-blocked-value]").TextContent);
        Assert.Contains("longest wait 7.3 s", Text(tiles, "tile-blocked"));
        Assert.Equal("bad", Status(tiles, "tile-blocked"));
    }

    [Fact]
    public void Before_any_unit_of_work_the_latency_tile_says_so_instead_of_showing_zeros()
    {
        var s = TestSnapshots.Healthy() with { Operations = [] };

        var tiles = Render(s);

        Assert.Contains("No unit of work has run on this instance yet", Text(tiles, "tile-latency"));
        Assert.Equal("—", tiles.Find("[data-testid=tile-errors-value]").TextContent);
    }
}
