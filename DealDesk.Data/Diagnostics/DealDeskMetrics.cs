using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DealDesk.Data.Diagnostics;

/// <summary>The app's own meter: transactions, retries, errors and operation latency.</summary>
public sealed class DealDeskMetrics : IDisposable
{
    public const string MeterName = "DealDesk";
    private readonly Meter _meter;
    private readonly Counter<long> _commits;
    private readonly Counter<long> _rollbacks;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;

    public DealDeskMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _commits = _meter.CreateCounter<long>("dealdesk.transactions.commits", description: "Committed units of work");
        _rollbacks = _meter.CreateCounter<long>("dealdesk.transactions.rollbacks", description: "Rolled-back units of work, by cause");
        _retries = _meter.CreateCounter<long>("dealdesk.transactions.retries", description: "Retried attempts, by SQLSTATE");
        _errors = _meter.CreateCounter<long>("dealdesk.errors", description: "Typed errors returned, by code");
        _duration = _meter.CreateHistogram<double>("dealdesk.operation.duration", unit: "ms", description: "Unit-of-work latency");
    }

    public void Committed(string operation) => _commits.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void RolledBack(string operation, string cause) =>
        _rollbacks.Add(1, new TagList { { "operation", operation }, { "cause", cause } });

    public void Retried(string operation, string cause) =>
        _retries.Add(1, new TagList { { "operation", operation }, { "cause", cause } });

    public void Error(string code) => _errors.Add(1, new KeyValuePair<string, object?>("code", code));

    public void Duration(string operation, double milliseconds, string outcome) =>
        _duration.Record(milliseconds, new TagList { { "operation", operation }, { "outcome", outcome } });

    public void Dispose() => _meter.Dispose();
}
