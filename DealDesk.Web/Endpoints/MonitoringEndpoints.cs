using DealDesk.Data.Monitoring;
using DealDesk.Web.Accounts;
using DealDesk.Web.Errors;

namespace DealDesk.Web.Endpoints;

/// <summary>
/// The dashboard's numbers as JSON, for managers (401 signed out, 403 for a salesperson). Every answer says
/// which numbers are this app instance's ("instance": its pool, commands, units of work) and which are the
/// database's ("database": pg_stat_*, for every instance and client). Commands and errors of another
/// dealership are left out; statement texts never carry parameter values.
/// </summary>
internal static class MonitoringEndpoints
{
    public static void MapMonitoringApi(this IEndpointRouteBuilder routes)
    {
        var db = routes.MapGroup("/api/db").RequireAuthorization(Policies.Manager).AddEndpointFilter<ApiErrorFilter>();

        db.MapGet("/health", async (MonitoringQueries monitoring, CancellationToken ct) =>
        {
            var s = await monitoring.SnapshotAsync(ct);
            var integrity = s.IntegrityFor(monitoring.DealershipId);
            return Ok(new
            {
                status = s.Health.Status,
                instance = s.Instance,
                checkedAt = s.Health.CheckedAt,
                database = new { reachable = s.Health.DatabaseReachable, s.Health.RoundTripMs, s.Health.ServerVersion, s.Health.Error },
                migrations = new { pending = s.Health.PendingMigrations },
                pool = new { exhausted = s.Health.PoolExhausted, s.Pool.Used, s.Pool.Max, s.Pool.Waiting },
                changeFeed = new { listening = s.Health.ChangeFeedListening },
                integrity = integrity is null ? null : new
                {
                    status = integrity.Holds ? "ok" : "failing", integrity.CheckedAt, integrity.Violations, checks = integrity.Checks,
                },
                alerts = s.AlertsFor(monitoring.DealershipId),
            });
        });

        db.MapGet("/metrics", async (MonitoringQueries monitoring, MonitoringSampler sampler, CancellationToken ct) =>
        {
            var s = await monitoring.SnapshotAsync(ct);
            return Ok(new
            {
                sequence = s.Sequence,
                at = s.At,
                window = s.Window,
                instance = new
                {
                    name = s.Instance, s.Pool, s.Commands, s.Transactions, s.SlowQueries, monitorCost = s.Cost,
                    dashboards = sampler.Dashboards, // now, not at the last tick
                },
                database = s.Database is not { } d ? null : new
                {
                    sampledAt = d.Latest.At, d.Latest.ServerVersion, d.Latest.RoundTripMs, d.CommitsPerSecond, d.RollbacksPerSecond,
                    d.DeadlocksInWindow, d.ConflictsInWindow, d.TempFilesInWindow, d.CacheHitRatio,
                    cumulative = new { d.Latest.Commits, d.Latest.Rollbacks, d.Latest.Deadlocks, d.Latest.Conflicts, d.Latest.TempFiles, d.Latest.TempBytes },
                    connections = new { total = d.Latest.Connections, max = d.Latest.MaxConnections, byState = d.Latest.ConnectionsByState },
                    d.Latest.LongestTransactionMs, d.Latest.IdleInTransaction, d.Latest.LongestIdleInTransactionMs,
                    blocked = d.Latest.Blocked,
                    canReadAllStats = d.Latest.CanReadAllStats,
                    topStatements = s.Details is not { } x ? null : new { sampledAt = x.At, x.ByTotalTime, x.ByMeanTime, unavailable = x.StatementsUnavailable },
                    tables = s.Details?.Tables,
                },
                alerts = s.AlertsFor(monitoring.DealershipId),
            });
        });

        db.MapGet("/query-history", (int? limit, MonitoringQueries monitoring, MonitoringSampler sampler) =>
            Ok(new { instance = sampler.Instance, commands = monitoring.QueryHistory(limit ?? 100) }));

        db.MapGet("/slow-queries", (MonitoringQueries monitoring, MonitoringSampler sampler) =>
        {
            var window = sampler.Latest?.Window ?? TimeSpan.FromMinutes(15);
            var queries = monitoring.SlowQueries(window, 500);
            return Ok(new { instance = sampler.Instance, thresholdMs = monitoring.SlowQueryThresholdMs, window, count = queries.Count, queries });
        });

        db.MapGet("/transaction-stats", async (MonitoringQueries monitoring, CancellationToken ct) =>
        {
            var s = await monitoring.SnapshotAsync(ct);
            return Ok(new
            {
                instance = s.Instance, window = s.Window, s.Transactions, s.Operations, recentErrors = monitoring.RecentErrors(),
            });
        });

        db.MapGet("/pool-metrics", (MonitoringQueries monitoring, MonitoringSampler sampler) =>
        {
            var now = monitoring.PoolNow();
            var samples = sampler.Latest?.Samples ?? [];
            return Ok(new
            {
                instance = sampler.Instance,
                pool = new
                {
                    name = sampler.Latest?.Pool.Name, now.Used, now.Idle, now.Max, now.Waiting, now.Exhausted,
                    timeoutsInWindow = sampler.Latest?.Pool.TimeoutsInWindow, connectionCreateP95Ms = sampler.Latest?.Pool.ConnectionCreateP95Ms,
                },
                series = samples.Select(x => new { at = x.At, x.Pool.Used, x.Pool.Idle, x.Pool.Max, x.Pool.Waiting, timeouts = x.PoolTimeouts }),
            });
        });
    }

    private static IResult Ok<T>(T data) => Results.Ok(new Envelope<T>(data));
}
