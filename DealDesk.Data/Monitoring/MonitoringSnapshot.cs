using System.Text.Json.Serialization;

namespace DealDesk.Data.Monitoring;

/// <summary>
/// What the sampler knows at one tick. <see cref="Pool"/>, <see cref="Commands"/>, <see cref="Transactions"/>
/// and <see cref="Operations"/> are this app instance's (<see cref="Instance"/>); <see cref="Database"/> and
/// <see cref="Details"/> are PostgreSQL's, for every instance and client of the database.
/// </summary>
public sealed record MonitoringSnapshot(
    long Sequence, DateTimeOffset At, string Instance, TimeSpan SampleInterval, TimeSpan Window, int Dashboards,
    HealthStatus Health, PoolStatus Pool, CommandStats Commands, TransactionStats Transactions,
    IReadOnlyList<OperationStats> Operations, SlowQueryStats SlowQueries,
    DatabaseView? Database, DatabaseDetails? Details, MonitorCost Cost,
    [property: JsonIgnore] IReadOnlyList<IntervalSample> Samples,
    [property: JsonIgnore] IReadOnlyDictionary<Guid, IntegrityStatus> Integrity,
    [property: JsonIgnore] IReadOnlyList<Alert> Alerts)
{
    public IntegrityStatus? IntegrityFor(Guid? dealershipId) =>
        dealershipId is { } d && Integrity.TryGetValue(d, out var status) ? status : null;

    /// <summary>The instance's alerts and the dealership's own (integrity); never another dealership's.</summary>
    public IReadOnlyList<Alert> AlertsFor(Guid? dealershipId) =>
        [.. Alerts.Where(a => a.DealershipId is null || a.DealershipId == dealershipId)];
}

/// <summary>Database reachable (through the monitor's own connection), migrations applied, pool not exhausted, change feed listening.</summary>
public sealed record HealthStatus(
    DateTimeOffset? CheckedAt, bool DatabaseReachable, double? RoundTripMs, string? ServerVersion, string? Error,
    int? PendingMigrations, bool PoolExhausted, bool? ChangeFeedListening, string? StatisticsError = null)
{
    public string Status =>
        !DatabaseReachable || PendingMigrations > 0 ? "unhealthy"
        : PoolExhausted || ChangeFeedListening == false ? "degraded"
        : "healthy";
}

/// <summary>This instance's pool now, and over the window.</summary>
public sealed record PoolStatus(
    string Name, int Used, int Idle, int Max, int Waiting, long TimeoutsInWindow, int PeakUsed, int PeakWaiting,
    double? ConnectionCreateP95Ms);

/// <summary>This instance's database commands (every statement sent) over the window; the rate is the last minute's.</summary>
public sealed record CommandStats(long Count, double PerSecond, long Failed, double? P50Ms, double? P95Ms, double? P99Ms);

/// <summary>This instance's units of work over the window; the rates are the last minute's.</summary>
public sealed record TransactionStats(
    long Commits, long Rollbacks, long Retries, double CommitsPerSecond, double RollbacksPerSecond, double RetriesPerSecond,
    IReadOnlyDictionary<string, long> RetriesByState, IReadOnlyDictionary<string, long> ErrorsByCode)
{
    public long DeadlockRetries => RetriesByState.GetValueOrDefault("40P01");

    public long Errors => ErrorsByCode.Values.Sum();
}

/// <summary>
/// One operation (as the transaction runner names it: deals.create, quick_quotes.convert, …) of this instance:
/// <see cref="Total"/> since the instance started, the rest over the window.
/// </summary>
public sealed record OperationStats(
    string Operation, long Total, long Count, double PerSecond, double? P50Ms, double? P95Ms, double? P99Ms,
    long Failed, IReadOnlyDictionary<string, long> FailuresByCause, IReadOnlyDictionary<string, long> RetriesByState)
{
    public double ErrorRate => Count == 0 ? 0 : (double)Failed / Count;

    public long Retries => RetriesByState.Values.Sum();
}

public sealed record SlowQueryStats(int ThresholdMs, long Count);

/// <summary>PostgreSQL's numbers: the latest reading and what changed over the window.</summary>
public sealed record DatabaseView(
    DatabaseReading Latest, double? CommitsPerSecond, double? RollbacksPerSecond,
    long DeadlocksInWindow, long ConflictsInWindow, long TempFilesInWindow, double? CacheHitRatio);

/// <summary>What the sampler itself asks PostgreSQL: statements per second over the window and their mean time.</summary>
public sealed record MonitorCost(long Queries, double TotalMs, double QueriesPerSecond, double? MeanMs);

/// <summary>A crossed threshold. <see cref="DealershipId"/> is set for a dealership's own alert (integrity).</summary>
public sealed record Alert(string Key, string Title, string Detail, DateTimeOffset Since, Guid? DealershipId);
