using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DealDesk.Data.Monitoring;

/// <summary>An alert starting or clearing, for the webhook.</summary>
public sealed record AlertTransition(Alert Alert, bool Started, DateTimeOffset At, string Instance);

/// <summary>
/// Turns each snapshot into the set of crossed thresholds (Alerts:*). A start and a clear are each logged once
/// as a warning and, with Alerts:WebhookUrl set, queued for the webhook sender; the dashboards' banners and the
/// menu badges follow <see cref="Changed"/>.
/// </summary>
public sealed class AlertMonitor(IOptionsMonitor<AlertOptions> options, ILogger<AlertMonitor> logger)
{
    private readonly Lock _gate = new();
    private Dictionary<string, Alert> _active = [];
    private readonly Channel<AlertTransition> _transitions =
        Channel.CreateBounded<AlertTransition>(new BoundedChannelOptions(200) { FullMode = BoundedChannelFullMode.DropOldest });

    /// <summary>Raised after the set of active alerts changed (from the sampler's thread).</summary>
    public event Action? Changed;

    public IReadOnlyList<Alert> Active
    {
        get { lock (_gate) return [.. _active.Values]; }
    }

    /// <summary>The instance's alerts and this dealership's own; never another dealership's.</summary>
    public IReadOnlyList<Alert> For(Guid? dealershipId) =>
        [.. Active.Where(a => a.DealershipId is null || a.DealershipId == dealershipId)];

    public ChannelReader<AlertTransition> Transitions => _transitions.Reader;

    public IReadOnlyList<Alert> Evaluate(MonitoringSnapshot s)
    {
        var o = options.CurrentValue;
        var wanted = new List<(string Key, string Title, string Detail, Guid? Dealership)>();
        if (s.Pool.Waiting > o.WaitingRequests)
            wanted.Add(("pool.waiting", "Requests are waiting for a database connection",
                $"{s.Pool.Waiting} waiting (threshold {o.WaitingRequests}); {s.Pool.Used} of {s.Pool.Max} pooled connections in use on {s.Instance}.", null));
        if (s.SlowQueries.Count > o.SlowQueries)
            wanted.Add(("queries.slow", "Many slow queries",
                $"{s.SlowQueries.Count} commands took {s.SlowQueries.ThresholdMs} ms or more in the last {Minutes(s.Window)} (threshold {o.SlowQueries}).", null));
        if (s.Transactions.DeadlockRetries > o.DeadlockRetries)
            wanted.Add(("transactions.deadlocks", "Deadlocks are forcing retries",
                $"{s.Transactions.DeadlockRetries} units of work retried after a deadlock in the last {Minutes(s.Window)} (threshold {o.DeadlockRetries}).", null));
        if (s.Health.Status == "unhealthy" || s.Health.PoolExhausted)
            wanted.Add(("health", "Health check failing", Describe(s.Health), null));
        foreach (var (dealership, integrity) in s.Integrity)
            if (!integrity.Holds)
                wanted.Add(($"integrity.{dealership:N}", "Integrity check failing",
                    string.Join("; ", integrity.Checks.Where(c => !c.Holds).Select(c => $"{c.Description}: {c.Violations}")), dealership));

        List<AlertTransition> transitions = [];
        bool changed;
        IReadOnlyList<Alert> result;
        lock (_gate)
        {
            var next = new Dictionary<string, Alert>();
            foreach (var w in wanted)
                next[w.Key] = _active.TryGetValue(w.Key, out var a)
                    ? a with { Detail = w.Detail }
                    : new Alert(w.Key, w.Title, w.Detail, s.At, w.Dealership);
            transitions.AddRange(next.Values.Where(a => !_active.ContainsKey(a.Key)).Select(a => new AlertTransition(a, true, s.At, s.Instance)));
            transitions.AddRange(_active.Values.Where(a => !next.ContainsKey(a.Key)).Select(a => new AlertTransition(a, false, s.At, s.Instance)));
            changed = transitions.Count > 0 || next.Values.Any(a => !_active.TryGetValue(a.Key, out var old) || old.Detail != a.Detail);
            _active = next;
            result = [.. next.Values];
        }
        foreach (var t in transitions)
        {
            if (t.Started) logger.LogWarning("Alert started on {Instance}: {Alert}. {Detail}", t.Instance, t.Alert.Title, t.Alert.Detail);
            else logger.LogWarning("Alert cleared on {Instance}: {Alert} (active since {Since:O})", t.Instance, t.Alert.Title, t.Alert.Since);
            if (!string.IsNullOrWhiteSpace(o.WebhookUrl)) _transitions.Writer.TryWrite(t);
        }
        if (changed) Changed?.Invoke();
        return result;
    }

    private static string Minutes(TimeSpan window) => $"{window.TotalMinutes:0} minutes";

    private static string Describe(HealthStatus h) =>
        !h.DatabaseReachable ? $"The database is not reachable: {h.Error}"
        : h.PendingMigrations > 0 ? $"{h.PendingMigrations} migration(s) not applied to the database."
        : h.PoolExhausted ? "Every pooled connection is in use and requests are waiting."
        : "Degraded.";
}
