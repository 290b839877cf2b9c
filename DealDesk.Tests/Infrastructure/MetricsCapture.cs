using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace DealDesk.Tests.Infrastructure;

/// <summary>Records one instrument's measurements (any meter instance with that name), for assertions on metrics.</summary>
public sealed class MetricsCapture : IDisposable
{
    public sealed record Measurement(double Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public string? Tag(string name) => Tags.TryGetValue(name, out var v) ? v?.ToString() : null;
    }

    readonly MeterListener _listener = new();
    readonly ConcurrentQueue<Measurement> _measurements = new();

    public MetricsCapture(string meterName, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && instrument.Name == instrumentName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) => Record(value, tags));
        _listener.Start();
    }

    public IReadOnlyList<Measurement> Measurements => [.. _measurements];

    /// <summary>Measurements whose tag <paramref name="name"/> equals <paramref name="value"/>.</summary>
    public IReadOnlyList<Measurement> Where(string name, string value) =>
        [.. _measurements.Where(m => m.Tag(name) == value)];

    void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dict = new Dictionary<string, object?>();
        foreach (var t in tags) dict[t.Key] = t.Value;
        _measurements.Enqueue(new Measurement(value, dict));
    }

    public void Dispose() => _listener.Dispose();
}
