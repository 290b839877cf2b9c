using System.Text.Json.Serialization;

namespace DealDesk.Data.Monitoring;

/// <summary>What this instance did between two samples (counts, not rates; <see cref="Seconds"/> turns them into rates).</summary>
public sealed record IntervalSample(
    DateTimeOffset At, double Seconds, PoolGauges Pool, long PoolTimeouts,
    long Commands, long CommandsFailed, [property: JsonIgnore] LatencyDistribution CommandLatency,
    long Commits, long Rollbacks, long Retries,
    IReadOnlyDictionary<string, OperationInterval> Operations,
    IReadOnlyDictionary<string, long> RetriesByState,
    IReadOnlyDictionary<string, long> ErrorsByCode,
    long SlowCommands)
{
    /// <summary>All units of work of the interval together.</summary>
    [JsonIgnore]
    public LatencyDistribution OperationLatency => LatencyDistribution.Merge(Operations.Values.Select(o => o.Latency));

    public double PerSecond(long count) => Seconds > 0 ? count / Seconds : 0;

    public static IntervalSample Between(MeterReading before, MeterReading after)
    {
        var operations = new Dictionary<string, OperationInterval>();
        // A retry is counted when it happens, the unit's latency when it ends: a tick may fall in between.
        var names = after.Operations.Keys.Concat(after.Retries.Keys.Select(k => k.Operation)).Concat(after.Rollbacks.Keys.Select(k => k.Operation));
        foreach (var name in names.Distinct())
        {
            var now = after.Operations.GetValueOrDefault(name);
            var then = before.Operations.GetValueOrDefault(name);
            var count = (now?.Count ?? 0) - (then?.Count ?? 0);
            var (failures, retries) = (ByCause(before.Rollbacks, after.Rollbacks, name), ByCause(before.Retries, after.Retries, name));
            if (count <= 0 && failures.Count == 0 && retries.Count == 0) continue;
            operations[name] = new OperationInterval(
                Math.Max(0, count), (now?.Failed ?? 0) - (then?.Failed ?? 0),
                now is null ? LatencyDistribution.Empty : LatencyDistribution.Between(then?.Latency, now.Latency), failures, retries);
        }
        var retriesByState = Delta(before.Retries, after.Retries).GroupBy(r => r.Key.Cause).ToDictionary(g => g.Key, g => g.Sum(r => r.Value));
        return new IntervalSample(
            after.At, Math.Max(0.001, (after.At - before.At).TotalSeconds), after.Pool, after.PoolTimeouts - before.PoolTimeouts,
            after.Commands - before.Commands, after.CommandsFailed - before.CommandsFailed,
            LatencyDistribution.Between(before.CommandLatency, after.CommandLatency),
            Sum(after.Operations, o => o.Commits) - Sum(before.Operations, o => o.Commits),
            Delta(before.Rollbacks, after.Rollbacks).Sum(r => r.Value),
            retriesByState.Values.Sum(),
            operations, retriesByState,
            Delta(before.Errors, after.Errors).ToDictionary(e => e.Key, e => e.Value),
            after.SlowCommands - before.SlowCommands);
    }

    private static long Sum(IReadOnlyDictionary<string, OperationReading> operations, Func<OperationReading, long> value) =>
        operations.Values.Sum(value);

    private static IEnumerable<KeyValuePair<TKey, long>> Delta<TKey>(IReadOnlyDictionary<TKey, long> before, IReadOnlyDictionary<TKey, long> after) =>
        after.Select(a => KeyValuePair.Create(a.Key, a.Value - before.GetValueOrDefault(a.Key))).Where(d => d.Value > 0);

    private static Dictionary<string, long> ByCause(
        IReadOnlyDictionary<(string Operation, string Cause), long> before, IReadOnlyDictionary<(string Operation, string Cause), long> after, string operation) =>
        Delta(before, after).Where(d => d.Key.Operation == operation).ToDictionary(d => d.Key.Cause, d => d.Value);
}

/// <summary>One operation's units of work in an interval: how many, how many failed (by cause), retries (by SQLSTATE), latency.</summary>
public sealed record OperationInterval(
    long Count, long Failed, [property: JsonIgnore] LatencyDistribution Latency,
    IReadOnlyDictionary<string, long> FailuresByCause, IReadOnlyDictionary<string, long> RetriesByState);
