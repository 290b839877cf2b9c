using DealDesk.Data.Errors;
using DealDesk.Data.Tenancy;

namespace DealDesk.Data.Monitoring;

/// <summary>
/// What a manager may read from monitoring (the JSON endpoints and the dashboard): the instance's and the
/// database's numbers, statement texts, and the commands and errors of their own dealership or of nobody's
/// (sign-in, background work) — never another dealership's correlation ids or integrity samples.
/// </summary>
public sealed class MonitoringQueries(ITenantContext tenant, MonitoringSampler sampler, CommandLog commands,
    InstanceMeters meters, TimeProvider clock)
{
    public Guid DealershipId =>
        tenant.DealershipId is { } d && tenant.IsManager
            ? d
            : throw new DealDeskException(tenant.DealershipId is null
                ? new AppError(ErrorCodes.Unauthorized, 401, "Sign in first.")
                : new AppError(ErrorCodes.Forbidden, 403, "Monitoring is for managers."));

    /// <summary>The sampler's snapshot, its PostgreSQL part and this dealership's integrity fresh (brought forward if not).</summary>
    public Task<MonitoringSnapshot> SnapshotAsync(CancellationToken ct = default) => sampler.FreshAsync(DealershipId, ct);

    public IReadOnlyList<CommandRecord> QueryHistory(int limit = 100) =>
        [.. commands.Recent().Where(c => Visible(c.DealershipId)).Take(Math.Clamp(limit, 1, 200))];

    /// <summary>Slow commands of the window, newest first.</summary>
    public IReadOnlyList<CommandRecord> SlowQueries(TimeSpan window, int limit = 100)
    {
        var since = clock.GetUtcNow() - window;
        return [.. commands.Slow().Where(c => c.At >= since && Visible(c.DealershipId)).Take(Math.Clamp(limit, 1, 500))];
    }

    public IReadOnlyList<ErrorRecord> RecentErrors(int limit = 50) =>
        [.. meters.RecentErrors().Where(e => Visible(e.DealershipId)).Take(Math.Clamp(limit, 1, 100))];

    public int SlowQueryThresholdMs => commands.ThresholdMs;

    /// <summary>The pool right now (no database round trip).</summary>
    public PoolGauges PoolNow()
    {
        _ = DealershipId;
        return meters.Read().Pool;
    }

    private bool Visible(Guid? dealershipId) => dealershipId is null || dealershipId == DealershipId;
}
