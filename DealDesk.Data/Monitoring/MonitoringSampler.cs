using System.Collections.Concurrent;
using DealDesk.Data.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DealDesk.Data.Monitoring;

/// <summary>
/// The one sampler of this app instance: every <see cref="MonitoringOptions.SampleInterval"/> it reads the
/// in-process meters (free) into a ring buffer covering the window, asks PostgreSQL for its statistics only
/// while at least one dashboard is subscribed (otherwise once per <see cref="MonitoringOptions.IdleDatabaseInterval"/>,
/// so health and alerts keep working), evaluates the alerts and pushes the snapshot to the subscribers. Twenty
/// open dashboards cost PostgreSQL what one costs.
/// </summary>
public sealed class MonitoringSampler : BackgroundService
{
    private readonly InstanceMeters _meters;
    private readonly CommandLog _commands;
    private readonly DatabaseProbe _probe;
    private readonly AlertMonitor _alerts;
    private readonly MonitoringOptions _options;
    private readonly TimeProvider _clock;
    private readonly IServiceScopeFactory _scopes;
    private readonly ChangeListener? _listener;
    private readonly ILogger<MonitoringSampler> _logger;
    private readonly RingBuffer<IntervalSample> _samples;
    private readonly RingBuffer<DatabaseReading> _readings;
    private readonly RingBuffer<(DateTimeOffset At, long Queries, double TotalMs)> _costs;
    private readonly ConcurrentDictionary<Guid, IntegrityStatus> _integrity = new();
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscribers = [];
    private readonly HashSet<Guid> _integrityRequested = [];
    private TaskCompletionSource _wake = NewSignal();
    private TaskCompletionSource<MonitoringSnapshot> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _freshRequested;
    private DateTimeOffset _lastDatabase = DateTimeOffset.MinValue, _lastDetails = DateTimeOffset.MinValue;
    private (DateTimeOffset At, bool Reachable, string? Error)? _database;
    private string? _statisticsError;
    private DatabaseDetails? _details;
    private IReadOnlyList<string>? _knownMigrations;
    private volatile MonitoringSnapshot? _latest;
    private long _sequence;

    public MonitoringSampler(InstanceMeters meters, CommandLog commands, DatabaseProbe probe, AlertMonitor alerts,
        IOptions<MonitoringOptions> options, TimeProvider clock, IServiceScopeFactory scopes, ILogger<MonitoringSampler> logger,
        ChangeListener? listener = null)
    {
        (_meters, _commands, _probe, _alerts, _options, _clock, _scopes, _logger, _listener) =
            (meters, commands, probe, alerts, options.Value, clock, scopes, logger, listener);
        var slots = (int)Math.Ceiling(_options.Window / _options.SampleInterval) + 1;
        _samples = new RingBuffer<IntervalSample>(slots * 2); // room for the extra ticks a subscription or a fresh read causes
        _readings = new RingBuffer<DatabaseReading>(slots * 2);
        _costs = new RingBuffer<(DateTimeOffset, long, double)>(slots * 2);
        Instance = $"{Environment.MachineName}:{Environment.ProcessId}";
    }

    /// <summary>This app instance, as the dashboard labels its own numbers (host:pid).</summary>
    public string Instance { get; }

    /// <summary>The last snapshot; null before the first tick.</summary>
    public MonitoringSnapshot? Latest => _latest;

    public int Dashboards
    {
        get { lock (_gate) return _subscribers.Count; }
    }

    /// <summary>
    /// A dashboard's subscription: <paramref name="onSnapshot"/> gets every snapshot until disposed; while any
    /// exists, PostgreSQL is sampled every tick and <paramref name="dealershipId"/>'s integrity every details interval.
    /// </summary>
    public IDisposable Subscribe(Guid? dealershipId, Func<MonitoringSnapshot, Task> onSnapshot)
    {
        var subscription = new Subscription(this, dealershipId, onSnapshot);
        bool stale;
        lock (_gate)
        {
            _subscribers.Add(subscription);
            // Coming back from the idle rate: sample now rather than show minute-old numbers. Other subscribers
            // joining a running sampler get the next regular tick, so twenty dashboards cost what one does.
            stale = DatabaseStale(_clock.GetUtcNow()) || (dealershipId is { } d && !_integrity.ContainsKey(d));
            if (stale)
            {
                _freshRequested = true;
                if (dealershipId is { } id) _integrityRequested.Add(id);
            }
        }
        if (stale) Wake();
        return subscription;
    }

    /// <summary>
    /// A snapshot whose PostgreSQL part is at most two sample intervals old (and, for a dealership, whose integrity
    /// was checked within two details intervals): the latest one, or the next tick's, which this call brings forward.
    /// </summary>
    public async Task<MonitoringSnapshot> FreshAsync(Guid? dealershipId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            Task<MonitoringSnapshot> next;
            lock (_gate)
            {
                var now = _clock.GetUtcNow();
                if (_latest is { } latest && !DatabaseStale(now) && (dealershipId is not { } d || IntegrityFresh(d, now)))
                    return latest;
                if (attempt == 3 && _latest is { } last) return last; // the database keeps failing: report what is known
                _freshRequested = true;
                if (dealershipId is { } id) _integrityRequested.Add(id);
                next = _next.Task;
            }
            Wake();
            await next.WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
    }

    /// <summary>The next tick's snapshot, without subscribing (so without making PostgreSQL be sampled).</summary>
    public Task<MonitoringSnapshot> NextAsync(CancellationToken ct = default)
    {
        lock (_gate) return _next.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var previous = Read();
        while (!stop.IsCancellationRequested)
        {
            Task wake;
            lock (_gate) wake = _wake.Task;
            await Task.WhenAny(wake, Task.Delay(_options.SampleInterval, _clock, stop));
            if (stop.IsCancellationRequested) break;
            lock (_gate)
                if (_wake.Task.IsCompleted) _wake = NewSignal();
            try
            {
                previous = await TickAsync(previous, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Monitoring sample failed");
            }
        }
        await _probe.CloseAsync();
    }

    private MeterReading Read() => _meters.Read() with { SlowCommands = _commands.SlowTotal };

    private async Task<MeterReading> TickAsync(MeterReading previous, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var reading = Read();
        _samples.Add(IntervalSample.Between(previous, reading));

        bool fresh;
        int dashboards;
        Guid[] integrityDue;
        lock (_gate)
        {
            fresh = _freshRequested;
            _freshRequested = false;
            dashboards = _subscribers.Count;
            integrityDue = [.. _subscribers.Where(s => s.DealershipId is not null).Select(s => s.DealershipId!.Value)
                .Where(d => !_integrity.TryGetValue(d, out var i) || now - i.CheckedAt >= _options.DetailsInterval)
                .Concat(_integrityRequested).Distinct()];
            _integrityRequested.Clear();
        }
        var databaseDue = fresh || now - _lastDatabase >= (dashboards > 0 ? _options.SampleInterval * 0.8 : _options.IdleDatabaseInterval);
        if (databaseDue)
        {
            var detailsDue = _details is null || ((fresh || dashboards > 0) && now - _lastDetails >= _options.DetailsInterval);
            await SampleDatabaseAsync(now, detailsDue, ct);
        }
        if (_database is { Reachable: true })
            foreach (var dealership in integrityDue)
                await CheckIntegrityAsync(dealership, ct);
        if (dashboards == 0 && databaseDue) await _probe.CloseAsync(); // no backend held between rare idle samples

        var cost = _probe.Cost;
        _costs.Add((now, cost.Queries, cost.TotalMs));
        var snapshot = SnapshotBuilder.Build(this, now, reading, dashboards);
        snapshot = snapshot with { Alerts = _alerts.Evaluate(snapshot) };
        _latest = snapshot;

        TaskCompletionSource<MonitoringSnapshot> next;
        Subscription[] subscribers;
        lock (_gate)
        {
            (next, _next) = (_next, new TaskCompletionSource<MonitoringSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously));
            subscribers = [.. _subscribers];
        }
        next.TrySetResult(snapshot);
        foreach (var s in subscribers) _ = NotifyAsync(s, snapshot);
        return reading;
    }

    private async Task SampleDatabaseAsync(DateTimeOffset now, bool detailsDue, CancellationToken ct)
    {
        _lastDatabase = now;
        try
        {
            var reading = await _probe.ReadAsync(ct);
            _readings.Add(reading);
            _database = (now, true, null);
            _statisticsError = null;
        }
        catch (PostgresException ex) when (!IsUnavailable(ex))
        {
            // The database answered, but refused the statistics query (a privilege, a missing view): reachable all the same.
            _database = (now, true, null);
            if (_statisticsError != ex.MessageText) _logger.LogWarning(ex, "Monitoring: PostgreSQL refused the statistics query");
            _statisticsError = ex.MessageText;
            return;
        }
        catch (Exception ex) when (IsDatabaseFailure(ex, ct))
        {
            _database = (now, false, ex.Message);
            _logger.LogDebug(ex, "Monitoring: the database did not answer");
            return;
        }
        if (!detailsDue) return;
        try
        {
            _knownMigrations ??= KnownMigrations();
            _details = await _probe.ReadDetailsAsync(_knownMigrations, _readings.NewestFirst()[0].StatementsAvailable, ct);
            _lastDetails = now;
        }
        catch (Exception ex) when (IsDatabaseFailure(ex, ct))
        {
            _logger.LogWarning(ex, "Monitoring: reading statement and table statistics failed");
        }
    }

    private async Task CheckIntegrityAsync(Guid dealershipId, CancellationToken ct)
    {
        try
        {
            _integrity[dealershipId] = await _probe.CheckIntegrityAsync(dealershipId, ct);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex, ct))
        {
            _logger.LogWarning(ex, "Monitoring: the integrity checks of dealership {DealershipId} failed", dealershipId);
        }
    }

    private IReadOnlyList<string> KnownMigrations()
    {
        using var scope = _scopes.CreateScope();
        using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DealDeskDbContext>>().CreateDbContext();
        return [.. db.Database.GetMigrations()];
    }

    private async Task NotifyAsync(Subscription subscription, MonitoringSnapshot snapshot)
    {
        try
        {
            await subscription.OnSnapshot(snapshot);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "A monitoring subscriber failed");
        }
    }

    private bool DatabaseStale(DateTimeOffset now) => now - _lastDatabase > _options.SampleInterval * 2;

    private bool IntegrityFresh(Guid dealershipId, DateTimeOffset now) =>
        _integrity.TryGetValue(dealershipId, out var i) && now - i.CheckedAt < _options.DetailsInterval * 2;

    /// <summary>Connection failures (08), too many connections (53300 and class 53), shutting down or starting (57P0x).</summary>
    private static bool IsUnavailable(PostgresException ex) =>
        ex.SqlState.StartsWith("08", StringComparison.Ordinal) || ex.SqlState.StartsWith("53", StringComparison.Ordinal)
        || ex.SqlState.StartsWith("57P", StringComparison.Ordinal);

    private static bool IsDatabaseFailure(Exception ex, CancellationToken ct) =>
        ex is NpgsqlException or TimeoutException or System.IO.IOException or System.Net.Sockets.SocketException
        || (ex is OperationCanceledException && !ct.IsCancellationRequested);

    private void Wake()
    {
        lock (_gate) _wake.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Subscription(MonitoringSampler owner, Guid? dealershipId, Func<MonitoringSnapshot, Task> onSnapshot) : IDisposable
    {
        public Guid? DealershipId { get; } = dealershipId;

        public Func<MonitoringSnapshot, Task> OnSnapshot { get; } = onSnapshot;

        public void Dispose()
        {
            lock (owner._gate) owner._subscribers.Remove(this);
        }
    }

    /// <summary>Window and last-minute figures from the rings (kept here: they read the sampler's state).</summary>
    private static class SnapshotBuilder
    {
        public static MonitoringSnapshot Build(MonitoringSampler s, DateTimeOffset now, MeterReading reading, int dashboards)
        {
            var o = s._options;
            var window = s._samples.OldestFirst().Where(x => x.At > now - o.Window).ToList();
            var lastMinute = window.Where(x => x.At > now - TimeSpan.FromMinutes(1)).ToList();
            var seconds = Math.Max(0.001, window.Sum(x => x.Seconds));
            var minuteSeconds = Math.Max(0.001, lastMinute.Sum(x => x.Seconds));

            var pool = new PoolStatus(s._meters.PoolName, reading.Pool.Used, reading.Pool.Idle, reading.Pool.Max, reading.Pool.Waiting,
                window.Sum(x => x.PoolTimeouts), window.Select(x => x.Pool.Used).DefaultIfEmpty(reading.Pool.Used).Max(),
                window.Select(x => x.Pool.Waiting).DefaultIfEmpty(reading.Pool.Waiting).Max(),
                LatencyDistribution.Between(null, reading.ConnectionCreate).Percentile(0.95));

            var commandLatency = LatencyDistribution.Merge(window.Select(x => x.CommandLatency));
            var commands = new CommandStats(window.Sum(x => x.Commands), lastMinute.Sum(x => x.Commands) / minuteSeconds,
                window.Sum(x => x.CommandsFailed), commandLatency.Percentile(0.5), commandLatency.Percentile(0.95), commandLatency.Percentile(0.99));

            var transactions = new TransactionStats(
                window.Sum(x => x.Commits), window.Sum(x => x.Rollbacks), window.Sum(x => x.Retries),
                lastMinute.Sum(x => x.Commits) / minuteSeconds, lastMinute.Sum(x => x.Rollbacks) / minuteSeconds,
                lastMinute.Sum(x => x.Retries) / minuteSeconds,
                SumBy(window.Select(x => x.RetriesByState)), SumBy(window.Select(x => x.ErrorsByCode)));

            var operations = reading.Operations.Keys.Order(StringComparer.Ordinal).Select(name =>
            {
                var parts = window.Select(x => x.Operations.GetValueOrDefault(name)).OfType<OperationInterval>().ToList();
                var latency = LatencyDistribution.Merge(parts.Select(p => p.Latency));
                var count = parts.Sum(p => p.Count);
                return new OperationStats(name, reading.Operations[name].Count, count, count / seconds,
                    latency.Percentile(0.5), latency.Percentile(0.95), latency.Percentile(0.99), parts.Sum(p => p.Failed),
                    SumBy(parts.Select(p => p.FailuresByCause)), SumBy(parts.Select(p => p.RetriesByState)));
            }).ToList();

            var readings = s._readings.OldestFirst().Where(r => r.At > now - o.Window).ToList();
            DatabaseView? database = null;
            if (readings.Count > 0)
            {
                var (first, last) = (readings[0], readings[^1]);
                var previous = readings.Count > 1 ? readings[^2] : null;
                double? Rate(Func<DatabaseReading, long> f) =>
                    previous is null ? null : (f(last) - f(previous)) / Math.Max(0.001, (last.At - previous.At).TotalSeconds);
                var (hit, read) = (last.BlocksHit - first.BlocksHit, last.BlocksRead - first.BlocksRead);
                if (hit + read == 0) (hit, read) = (last.BlocksHit, last.BlocksRead); // nothing read in the window: since the stats reset
                database = new DatabaseView(last, Rate(r => r.Commits), Rate(r => r.Rollbacks),
                    last.Deadlocks - first.Deadlocks, last.Conflicts - first.Conflicts, last.TempFiles - first.TempFiles,
                    hit + read == 0 ? null : (double)hit / (hit + read));
            }

            var db = s._database;
            var health = new HealthStatus(db?.At, db?.Reachable ?? false,
                db is { Reachable: true } ? readings.LastOrDefault()?.RoundTripMs : null,
                db is { Reachable: true } ? readings.LastOrDefault()?.ServerVersion : null,
                db?.Reachable == false ? db.Value.Error : db is null ? "Not checked yet." : null,
                s._details?.PendingMigrations, reading.Pool.Exhausted, s._listener?.IsListening, s._statisticsError);

            var costs = s._costs.OldestFirst().Where(c => c.At > now - o.Window).ToList();
            var (queries, ms) = costs.Count > 1 ? (costs[^1].Queries - costs[0].Queries, costs[^1].TotalMs - costs[0].TotalMs) : (0, 0.0);
            var cost = new MonitorCost(costs.LastOrDefault().Queries, costs.LastOrDefault().TotalMs,
                costs.Count > 1 ? queries / Math.Max(0.001, (costs[^1].At - costs[0].At).TotalSeconds) : 0,
                queries > 0 ? ms / queries : null);

            return new MonitoringSnapshot(Interlocked.Increment(ref s._sequence), now, s.Instance, o.SampleInterval, o.Window, dashboards, health, pool, commands,
                transactions, operations, new SlowQueryStats(s._commands.ThresholdMs, window.Sum(x => x.SlowCommands)),
                database, s._details, cost, window, new Dictionary<Guid, IntegrityStatus>(s._integrity), []);
        }

        private static Dictionary<string, long> SumBy(IEnumerable<IReadOnlyDictionary<string, long>> parts)
        {
            var sum = new Dictionary<string, long>();
            foreach (var part in parts)
                foreach (var (key, value) in part)
                    sum[key] = sum.GetValueOrDefault(key) + value;
            return sum;
        }
    }
}
