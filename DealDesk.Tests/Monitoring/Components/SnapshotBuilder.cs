using DealDesk.Data.Deals;
using DealDesk.Data.Monitoring;

namespace DealDesk.Tests.Monitoring.Components;

/// <summary>Hand-made snapshots for the dashboard's parts: a quiet, healthy instance unless a test changes it.</summary>
public static class TestSnapshots
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 14, 30, 0, TimeSpan.Zero);
    public static readonly Guid Dealership = Guid.Parse("0b7e0a52-55c1-4b5e-9d55-1f0a7f6d0001");

    public static MonitoringSnapshot Healthy() => new(
        42, Now, "web-1:4242", TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(15), 1,
        new HealthStatus(Now, true, 1.4, "15.8 (Debian 15.8-0+deb12u1)", null, 0, false, true),
        new PoolStatus("DealDesk dealdesk", 3, 2, 20, 0, 0, 6, 0, 4.2),
        new CommandStats(1200, 1.3, 0, 0.4, 2.1, 8.5),
        new TransactionStats(88, 2, 1, 0.1, 0.002, 0.001, new Dictionary<string, long> { ["40001"] = 1 }, new Dictionary<string, long> { ["VALIDATION_FAILED"] = 2 }),
        [
            new OperationStats("deals.create", 120, 40, 0.04, 18, 42, 61, 1, new Dictionary<string, long> { ["VEHICLE_NOT_AVAILABLE"] = 1 }, new Dictionary<string, long> { ["40001"] = 1 }),
            new OperationStats("quick_quotes.create", 30, 9, 0.01, 6, 11, 12, 0, new Dictionary<string, long>(), new Dictionary<string, long>()),
        ],
        new SlowQueryStats(1000, 0),
        new DatabaseView(Reading(), 12.5, 0.1, 0, 0, 0, 0.998),
        new DatabaseDetails(Now, [], [], null, [], 0),
        new MonitorCost(500, 400, 0.4, 0.8),
        [],
        new Dictionary<Guid, IntegrityStatus> { [Dealership] = Integrity(0) },
        []);

    public static DatabaseReading Reading(params BlockedSession[] blocked) => new(
        Now, 1.4, "15.8 (Debian 15.8-0+deb12u1)", 10_000, 20, 0, 0, 0, 0, 99_800, 200, 12, 200,
        new Dictionary<string, int> { ["idle"] = 8, ["active"] = 1 }, 35, 0, null, true, true, blocked);

    public static IntegrityStatus Integrity(long pendingWithoutDeal) => new(Now,
    [
        new InvariantResult("active_scenario", "Every deal has its active scenario", 0, []),
        new InvariantResult("pending_vehicles_without_open_deal", "No vehicle is pending without an open deal holding it",
            pendingWithoutDeal, pendingWithoutDeal > 0 ? ["T123"] : []),
    ]);

    public static Alert Alert(string key, string title, string detail, Guid? dealership = null) => new(key, title, detail, Now.AddMinutes(-2), dealership);
}
