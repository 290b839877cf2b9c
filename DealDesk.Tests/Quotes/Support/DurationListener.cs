using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace DealDesk.Tests.Quotes.Support;

/// <summary>The dealdesk.operation.duration measurements of one service provider's meter (not other test classes').</summary>
public sealed class DurationListener : IDisposable
{
    readonly MeterListener _listener = new();
    readonly ConcurrentQueue<(double Ms, string? Operation, string? Outcome)> _items = new();

    public DurationListener(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (i, l) =>
        {
            if (ReferenceEquals(i.Meter.Scope, factory) && i.Name == "dealdesk.operation.duration") l.EnableMeasurementEvents(i);
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            string? operation = null, outcome = null;
            foreach (var t in tags)
            {
                if (t.Key == "operation") operation = t.Value?.ToString();
                else if (t.Key == "outcome") outcome = t.Value?.ToString();
            }
            _items.Enqueue((value, operation, outcome));
        });
        _listener.Start();
    }

    /// <summary>Outcomes recorded for <paramref name="operation"/>, with how often.</summary>
    public IReadOnlyDictionary<string, int> Outcomes(string operation) =>
        _items.Where(i => i.Operation == operation).GroupBy(i => i.Outcome ?? "").ToDictionary(g => g.Key, g => g.Count());

    public IReadOnlyList<double> Durations(string operation) => [.. _items.Where(i => i.Operation == operation).Select(i => i.Ms)];

    public void Dispose() => _listener.Dispose();
}
