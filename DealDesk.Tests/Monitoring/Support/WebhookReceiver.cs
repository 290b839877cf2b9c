using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace DealDesk.Tests.Monitoring.Support;

/// <summary>A local incoming-webhook endpoint on 127.0.0.1 (HttpListener): keeps the "text" of every JSON message posted to it.</summary>
public sealed class WebhookReceiver : IDisposable
{
    readonly HttpListener _listener = new();
    readonly ConcurrentQueue<string> _messages = new();
    readonly Lock _gate = new();
    TaskCompletionSource _changed = NewSignal();

    WebhookReceiver(string url) => Url = url;

    public string Url { get; }

    public IReadOnlyList<string> Messages => [.. _messages];

    public static WebhookReceiver Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            var receiver = new WebhookReceiver($"http://127.0.0.1:{FreePort()}/hook/");
            try
            {
                receiver._listener.Prefixes.Add(receiver.Url);
                receiver._listener.Start();
                _ = receiver.ServeAsync();
                return receiver;
            }
            catch (HttpListenerException) when (attempt < 3)
            {
                receiver.Dispose(); // the port was taken meanwhile
            }
        }
    }

    /// <summary>The first message (already received or still to come) that matches, within <paramref name="timeoutSeconds"/>.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            Task changed;
            lock (_gate) changed = _changed.Task;
            if (_messages.FirstOrDefault(match) is { } found) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
                throw new Xunit.Sdk.XunitException($"No matching webhook message in {timeoutSeconds} s. Received: {string.Join(" | ", _messages)}");
        }
    }

    async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                using var json = await JsonDocument.ParseAsync(context.Request.InputStream);
                _messages.Enqueue(json.RootElement.GetProperty("text").GetString() ?? "");
                context.Response.StatusCode = 200;
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                _messages.Enqueue("INVALID: " + e.Message);
                context.Response.StatusCode = 400;
            }
            context.Response.Close();
            TaskCompletionSource changed;
            lock (_gate) (changed, _changed) = (_changed, NewSignal());
            changed.SetResult();
        }
    }

    static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        try { return ((IPEndPoint)l.LocalEndpoint).Port; }
        finally { l.Stop(); }
    }

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose()
    {
        if (_listener.IsListening) _listener.Stop();
        _listener.Close();
    }
}
