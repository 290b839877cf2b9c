using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DealDesk.Data.Diagnostics;

namespace DealDesk.Bench;

/// <summary>
/// Counts the transaction runner's retries of one operation, by cause (SQLSTATE), from the app's
/// "DealDesk" meter. Sees every DealDesk meter in this process: the service level's and the
/// in-process web app's alike.
/// </summary>
public sealed class RetryCounter : IDisposable
{
    public const string Instrument = "dealdesk.transactions.retries";

    readonly MeterListener _listener = new();
    readonly ConcurrentDictionary<string, long> _byCause = new();

    public RetryCounter(string operation)
    {
        Operation = operation;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DealDeskMetrics.MeterName && instrument.Name == Instrument)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? op = null, cause = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "operation") op = tag.Value as string;
                else if (tag.Key == "cause") cause = tag.Value as string;
            }
            if (op == Operation) _byCause.AddOrUpdate(string.IsNullOrEmpty(cause) ? "?" : cause, value, (_, total) => total + value);
        });
        _listener.Start();
    }

    public string Operation { get; }

    /// <summary>Retries so far, by cause.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_byCause);

    /// <summary>Retries between two snapshots, by cause (causes with none left out).</summary>
    public static IReadOnlyDictionary<string, long> Between(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Select(kv => (kv.Key, Count: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(x => x.Count > 0)
            .ToDictionary(x => x.Key, x => x.Count);

    public void Dispose() => _listener.Dispose();
}
