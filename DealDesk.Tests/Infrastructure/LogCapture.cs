using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace DealDesk.Tests.Infrastructure;

/// <summary>
/// A Serilog sink that keeps every event the app writes (the app reads sinks from DI: ReadFrom.Services).
/// A request's completion line is written after the response went out, so tests wait for it.
/// </summary>
public sealed class LogCapture : ILogEventSink
{
    readonly ConcurrentQueue<LogEvent> _events = new();
    readonly Lock _gate = new();
    TaskCompletionSource _changed = NewSignal();

    public void Emit(LogEvent logEvent)
    {
        _events.Enqueue(logEvent);
        TaskCompletionSource changed;
        lock (_gate) (changed, _changed) = (_changed, NewSignal());
        changed.SetResult();
    }

    public IReadOnlyList<LogEvent> Events => [.. _events];

    /// <summary>Every event written while serving the request with this correlation id.</summary>
    public IReadOnlyList<LogEvent> ForRequest(string correlationId) =>
        [.. _events.Where(e => Text(e, "CorrelationId") == correlationId)];

    /// <summary>The first event that matches, waiting for it up to <paramref name="timeout"/> (10 s by default).</summary>
    public async Task<LogEvent> WaitForAsync(Func<LogEvent, bool> match, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_gate) changed = _changed.Task;
            if (_events.FirstOrDefault(match) is { } found) return found;
            try
            {
                await changed.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException("No such log event was written. The app logged:\n" +
                    string.Join("\n", _events.Select(e => $"  [{e.Level}] {Message(e)}")));
            }
        }
    }

    /// <summary>The request's completion line (Serilog request logging), once written.</summary>
    public Task<LogEvent> CompletionAsync(string correlationId) =>
        WaitForAsync(e => Text(e, "CorrelationId") == correlationId && e.Properties.ContainsKey("StatusCode") && e.Properties.ContainsKey("Elapsed"));

    /// <summary>The message as the console and file sinks print it (strings unquoted).</summary>
    public static string Message(LogEvent e)
    {
        using var writer = new StringWriter();
        MessageFormatter.Format(e, writer);
        return writer.ToString();
    }

    static readonly MessageTemplateTextFormatter MessageFormatter = new("{Message:lj}");

    /// <summary>A scalar property as text (null when absent or null).</summary>
    public static string? Text(LogEvent e, string property) =>
        e.Properties.TryGetValue(property, out var value) && value is ScalarValue { Value: { } v } ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
