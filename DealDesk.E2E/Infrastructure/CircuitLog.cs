using DealDesk.Web.Components.Pages.Deals.Components;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Serilog.Core;
using Serilog.Events;

namespace DealDesk.E2E.Infrastructure;

/// <summary>
/// Test-only record of what the E2E app's circuits went through, so a test can wait for the server to evict
/// a disconnected circuit instead of sleeping through the retention period. Three sources feed it:
/// <see cref="CircuitLogHandler"/> (which circuit held whose deal draft when its connection went down, and when it
/// closed) and the framework's own "CircuitEvicted" log event (the disconnected-circuit store let it go), read as a
/// Serilog sink. The registry persists the circuit's state before it disposes it, so "evicted and closed" means
/// the state a resume needs is stored.
/// </summary>
public sealed class CircuitLog : ILogEventSink
{
    /// <summary>The source of the framework's "Circuit with id {CircuitId} evicted due to {EvictionReason}." event.</summary>
    public const string RegistryCategory = "Microsoft.AspNetCore.Components.Server.Circuits.CircuitRegistry";

    private readonly object _lock = new();
    private readonly Dictionary<string, string> _draftByCircuit = new(); // circuit id → the draft's last name when it went down
    private readonly Dictionary<string, string> _evictionReasons = new();
    private readonly HashSet<string> _closed = new();
    private readonly List<(string LastName, TaskCompletionSource<EvictedCircuit> Done)> _waiters = new();

    /// <summary>
    /// Completes when the circuit whose connection went down while its deal dialog held a customer with this last
    /// name has been evicted from the disconnected-circuit store and closed (its state persisted by then).
    /// Call it before dropping the connection; nothing is missed either way, the events are kept. Fails after
    /// <paramref name="timeout"/>, counted from this call.
    /// </summary>
    public async Task<EvictedCircuit> WaitForEvictionAsync(string draftLastName, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<EvictedCircuit>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((draftLastName, done));
            Check();
        }
        try
        {
            return await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No circuit holding the deal draft of '{draftLastName}' was evicted and closed within " +
                $"{timeout.TotalSeconds:0} s: did the browser reconnect to it, or did its connection never go down?");
        }
    }

    internal void ConnectionDown(string circuitId, string? draftLastName)
    {
        if (draftLastName is null) return;
        lock (_lock)
        {
            _draftByCircuit[circuitId] = draftLastName;
            Check();
        }
    }

    internal void Closed(string circuitId)
    {
        lock (_lock)
        {
            _closed.Add(circuitId);
            Check();
        }
    }

    void ILogEventSink.Emit(LogEvent logEvent)
    {
        if (!IsFromRegistry(logEvent) || EventName(logEvent) != "CircuitEvicted") return;
        if (!logEvent.Properties.TryGetValue("CircuitId", out var id)) return;
        var reason = logEvent.Properties.TryGetValue("EvictionReason", out var r) ? Unquote(r) : "?";
        lock (_lock)
        {
            _evictionReasons[Unquote(id)] = reason;
            Check();
        }
    }

    private void Check()
    {
        foreach (var (circuitId, lastName) in _draftByCircuit)
        {
            if (!_closed.Contains(circuitId) || !_evictionReasons.TryGetValue(circuitId, out var reason)) continue;
            foreach (var waiter in _waiters.Where(w => w.LastName == lastName).ToList())
            {
                waiter.Done.TrySetResult(new EvictedCircuit(circuitId, reason));
                _waiters.Remove(waiter);
            }
        }
    }

    private static bool IsFromRegistry(LogEvent e) =>
        e.Properties.TryGetValue("SourceContext", out var source) && Unquote(source) == RegistryCategory;

    private static string? EventName(LogEvent e) =>
        e.Properties.TryGetValue("EventId", out var id) && id is StructureValue s
            ? s.Properties.FirstOrDefault(p => p.Name == "Name")?.Value is { } name ? Unquote(name) : null
            : null;

    private static string Unquote(LogEventPropertyValue value) =>
        value is ScalarValue { Value: var v } ? v?.ToString() ?? "" : value.ToString().Trim('"');
}

/// <summary>A circuit the server evicted from its disconnected-circuit store (Reason: TokenExpired when its retention ran out).</summary>
public sealed record EvictedCircuit(string CircuitId, string Reason);

/// <summary>Feeds <see cref="CircuitLog"/> from inside each circuit (scoped: it sees that circuit's deal draft).</summary>
internal sealed class CircuitLogHandler(CircuitLog log, DealDraftStore drafts) : CircuitHandler
{
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken ct)
    {
        log.ConnectionDown(circuit.Id, drafts.Draft?.LastName);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct)
    {
        log.Closed(circuit.Id);
        return Task.CompletedTask;
    }
}
