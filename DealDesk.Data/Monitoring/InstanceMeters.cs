using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using DealDesk.Data.Diagnostics;
using Npgsql;

namespace DealDesk.Data.Monitoring;

/// <summary>
/// This app instance's numbers, read in-process from what the libraries already emit: Npgsql's "Npgsql" meter
/// (pool gauges, command latency and failures; only this app's data source, by its pool name) and the app's
/// "DealDesk" meter (units of work, retries, typed errors; only this host's meter factory). Reading costs no
/// database round trip. Also keeps the last typed errors with their correlation ids.
/// </summary>
public sealed class InstanceMeters : IDisposable
{
    private enum Kind
    {
        ConnectionCount, ConnectionMax, PendingRequests, Timeouts, CreateTime, CommandDuration, CommandFailed,
        Commits, Rollbacks, Retries, Errors, OperationDuration,
    }

    private const string PoolTag = "db.client.connection.pool.name";
    private readonly MeterListener _listener = new();
    private readonly string _poolName;
    private readonly IMeterFactory? _factory;
    private readonly TimeProvider _clock;
    private readonly Lock _gaugeGate = new();
    private int _idle, _used, _max;
    private long _pending, _timeouts, _commands, _commandsFailed;
    private readonly LatencyHistogram _createTime = new();
    private readonly LatencyHistogram _commandLatency = new();
    private readonly ConcurrentDictionary<string, OperationMeter> _operations = new();
    private readonly ConcurrentDictionary<(string Operation, string Cause), StrongBox<long>> _rollbacks = new();
    private readonly ConcurrentDictionary<(string Operation, string Cause), StrongBox<long>> _retries = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _errors = new();
    private readonly RingBuffer<ErrorRecord> _recentErrors = new(100);

    public InstanceMeters(NpgsqlDataSource dataSource, TimeProvider clock, IMeterFactory? factory = null)
    {
        _poolName = DataSourceNames.Of(dataSource);
        _clock = clock;
        _factory = factory;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (KindOf(instrument) is { } kind) listener.EnableMeasurementEvents(instrument, kind);
        };
        _listener.SetMeasurementEventCallback<int>((i, v, tags, state) => OnMeasurement((Kind)state!, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, state) => OnMeasurement((Kind)state!, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, state) => OnMeasurement((Kind)state!, v, tags));
        _listener.Start();
    }

    public string PoolName => _poolName;

    private Kind? KindOf(Instrument instrument)
    {
        if (instrument.Meter.Name == "Npgsql")
            return instrument.Name switch
            {
                "db.client.connection.count" => Kind.ConnectionCount,
                "db.client.connection.max" => Kind.ConnectionMax,
                "db.client.connection.npgsql.pending_requests" => Kind.PendingRequests,
                "db.client.connection.npgsql.timeouts" => Kind.Timeouts,
                "db.client.connection.npgsql.create_time" => Kind.CreateTime,
                "db.client.operation.duration" => Kind.CommandDuration,
                "db.client.operation.failed" => Kind.CommandFailed,
                _ => null,
            };
        // Another host's DealDesk meter (tests run several apps in one process) is not ours.
        if (instrument.Meter.Name == DealDeskMetrics.MeterName && (_factory is null || ReferenceEquals(instrument.Meter.Scope, _factory)))
            return instrument.Name switch
            {
                "dealdesk.transactions.commits" => Kind.Commits,
                "dealdesk.transactions.rollbacks" => Kind.Rollbacks,
                "dealdesk.transactions.retries" => Kind.Retries,
                "dealdesk.errors" => Kind.Errors,
                "dealdesk.operation.duration" => Kind.OperationDuration,
                _ => null,
            };
        return null;
    }

    private void OnMeasurement(Kind kind, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (kind <= Kind.CommandFailed && Tag(tags, PoolTag) != _poolName) return;
        switch (kind)
        {
            case Kind.ConnectionCount:
                if (Tag(tags, "db.client.connection.state") == "idle") _idle = (int)value;
                else _used = (int)value;
                break;
            case Kind.ConnectionMax: _max = (int)value; break;
            case Kind.PendingRequests: Interlocked.Add(ref _pending, (long)value); break;
            case Kind.Timeouts: Interlocked.Add(ref _timeouts, (long)value); break;
            case Kind.CreateTime: _createTime.Record(value * 1000); break; // Npgsql records seconds
            case Kind.CommandDuration:
                Interlocked.Increment(ref _commands);
                _commandLatency.Record(value * 1000);
                break;
            case Kind.CommandFailed: Interlocked.Add(ref _commandsFailed, (long)value); break;
            case Kind.Commits: Operation(Tag(tags, "operation")).AddCommit((long)value); break;
            case Kind.Rollbacks: Add(_rollbacks, (Tag(tags, "operation") ?? "?", Tag(tags, "cause") ?? "?"), (long)value); break;
            case Kind.Retries: Add(_retries, (Tag(tags, "operation") ?? "?", Tag(tags, "cause") ?? "?"), (long)value); break;
            case Kind.Errors:
                var code = Tag(tags, "code") ?? "?";
                Add(_errors, code, (long)value);
                var (correlationId, dealershipId) = Attribution.Capture();
                _recentErrors.Add(new ErrorRecord(_clock.GetUtcNow(), code, correlationId, dealershipId));
                break;
            case Kind.OperationDuration:
                Operation(Tag(tags, "operation")).Record(value, Tag(tags, "outcome") != "commit");
                break;
        }
    }

    private OperationMeter Operation(string? name) => _operations.GetOrAdd(name ?? "?", _ => new OperationMeter());

    private static void Add<TKey>(ConcurrentDictionary<TKey, StrongBox<long>> map, TKey key, long value) where TKey : notnull =>
        Interlocked.Add(ref map.GetOrAdd(key, _ => new StrongBox<long>()).Value, value);

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var t in tags)
            if (t.Key == name) return t.Value?.ToString();
        return null;
    }

    /// <summary>Everything counted so far, with the pool gauges observed now.</summary>
    public MeterReading Read()
    {
        PoolGauges pool;
        lock (_gaugeGate)
        {
            _listener.RecordObservableInstruments(); // Npgsql's observable pool gauges call back into OnMeasurement
            pool = new PoolGauges(_used, _idle, _max, (int)Math.Max(0, Interlocked.Read(ref _pending)));
        }
        return new MeterReading(
            _clock.GetUtcNow(), pool, Interlocked.Read(ref _timeouts), _createTime.Read(),
            Interlocked.Read(ref _commands), Interlocked.Read(ref _commandsFailed), _commandLatency.Read(),
            _operations.ToDictionary(o => o.Key, o => o.Value.Read()),
            _rollbacks.ToDictionary(r => r.Key, r => Interlocked.Read(ref r.Value.Value)),
            _retries.ToDictionary(r => r.Key, r => Interlocked.Read(ref r.Value.Value)),
            _errors.ToDictionary(e => e.Key, e => Interlocked.Read(ref e.Value.Value)));
    }

    /// <summary>The last typed errors (API and pages), newest first.</summary>
    public IReadOnlyList<ErrorRecord> RecentErrors() => _recentErrors.NewestFirst();

    public void Dispose() => _listener.Dispose();

    private sealed class OperationMeter
    {
        private readonly LatencyHistogram _latency = new();
        private long _count, _failed, _commits;

        public void Record(double ms, bool failed)
        {
            _latency.Record(ms);
            Interlocked.Increment(ref _count);
            if (failed) Interlocked.Increment(ref _failed);
        }

        public void AddCommit(long n) => Interlocked.Add(ref _commits, n);

        public OperationReading Read() =>
            new(Interlocked.Read(ref _count), Interlocked.Read(ref _failed), Interlocked.Read(ref _commits), _latency.Read());
    }
}

/// <summary>The pool right now: connections in use, idle, the maximum, and requests waiting for one.</summary>
public sealed record PoolGauges(int Used, int Idle, int Max, int Waiting)
{
    public bool Exhausted => Max > 0 && Used >= Max && Waiting > 0;
}

/// <summary>A typed error returned by the API or shown in a page.</summary>
public sealed record ErrorRecord(DateTimeOffset At, string Code, string? CorrelationId, Guid? DealershipId);

public sealed record OperationReading(long Count, long Failed, long Commits, long[] Latency);

/// <summary>Cumulative counts of this instance at one moment; two readings give an interval.</summary>
public sealed record MeterReading(
    DateTimeOffset At, PoolGauges Pool, long PoolTimeouts, long[] ConnectionCreate,
    long Commands, long CommandsFailed, long[] CommandLatency,
    IReadOnlyDictionary<string, OperationReading> Operations,
    IReadOnlyDictionary<(string Operation, string Cause), long> Rollbacks,
    IReadOnlyDictionary<(string Operation, string Cause), long> Retries,
    IReadOnlyDictionary<string, long> Errors)
{
    public long SlowCommands { get; init; }
}
