using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DealDesk.Bench.Leads;

/// <summary>
/// The WhatsApp Cloud API's messages endpoint on loopback Kestrel, in this process: POST /{version}/{phone-number-id}/messages
/// answers like the real API (<c>{"messages":[{"id":"wamid..."}]}</c>), at once. Every request is counted per
/// idempotency reference (the biz_opaque_callback_data the app sends), so a message sent twice or never shows.
/// Requests wait at a gate until <see cref="Open"/>: the outbox part queues its whole backlog first, then measures the drain.
/// A delivery counts when it is answered: a request the app abandons at the gate (its attempt timed out) sent nothing.
/// </summary>
public sealed class CloudApiStandIn : IAsyncDisposable
{
    public const string AccessToken = "bench-access-token";
    const string Version = "v21.0";

    readonly WebApplication _app;
    readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly ConcurrentDictionary<string, Delivery> _byReference = new();
    long _requests, _refused, _abandoned, _sequence, _openedAtTicks;

    /// <summary>What the stand-in saw for one idempotency reference: how many requests, from which number, the id it answered last.</summary>
    public sealed record Delivery(int Requests, string PhoneNumberId, string ProviderMessageId);

    readonly TimeSpan _latency;

    CloudApiStandIn(WebApplication app, TimeSpan latency) => (_app, _latency) = (app, latency);

    /// <summary>The ApiBaseUrl the app is configured with, e.g. http://127.0.0.1:41235/v21.0.</summary>
    public string BaseUrl { get; private set; } = "";

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests without the bearer token or a readable body (answered 401/400; expected 0).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Requests the app gave up on while they waited at the gate (never answered, so nothing was sent).</summary>
    public long Abandoned => Interlocked.Read(ref _abandoned);

    /// <summary>When the gate opened (UTC); null while closed.</summary>
    public DateTimeOffset? OpenedAt => Interlocked.Read(ref _openedAtTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    public IReadOnlyDictionary<string, Delivery> ByReference => _byReference;

    /// <param name="latency">How long each answer takes after the gate (zero: at once).</param>
    public static async Task<CloudApiStandIn> StartAsync(TimeSpan latency, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var standIn = new CloudApiStandIn(builder.Build(), latency);
        standIn._app.MapPost($"/{Version}/{{phoneNumberId}}/messages", (Func<HttpContext, string, Task<IResult>>)standIn.MessagesAsync);
        await standIn._app.StartAsync(ct);
        var address = standIn._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        standIn.BaseUrl = $"{address.TrimEnd('/')}/{Version}";
        return standIn;
    }

    /// <summary>Lets the held requests and every later one through.</summary>
    public void Open()
    {
        Interlocked.CompareExchange(ref _openedAtTicks, DateTimeOffset.UtcNow.UtcTicks, 0);
        _gate.TrySetResult();
    }

    async Task<IResult> MessagesAsync(HttpContext http, string phoneNumberId)
    {
        Interlocked.Increment(ref _requests);
        if (http.Request.Headers.Authorization.ToString() != $"Bearer {AccessToken}")
        {
            Interlocked.Increment(ref _refused);
            return Results.Json(new { error = new { message = "Invalid OAuth access token", code = 190 } }, statusCode: 401);
        }
        string? reference;
        try
        {
            using var doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            reference = doc.RootElement.TryGetProperty("biz_opaque_callback_data", out var r) ? r.GetString() : null;
        }
        catch (JsonException)
        {
            reference = null;
        }
        if (reference is null)
        {
            Interlocked.Increment(ref _refused);
            return Results.Json(new { error = new { message = "No biz_opaque_callback_data", code = 100 } }, statusCode: 400);
        }
        try
        {
            await _gate.Task.WaitAsync(http.RequestAborted);
            if (_latency > TimeSpan.Zero) await Task.Delay(_latency, http.RequestAborted); // the simulated round trip, not a synchronisation
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _abandoned);
            return Results.Empty;
        }
        var id = $"wamid.standin.{Interlocked.Increment(ref _sequence)}";
        _byReference.AddOrUpdate(reference, _ => new Delivery(1, phoneNumberId, id), (_, d) => new Delivery(d.Requests + 1, phoneNumberId, id));
        return Results.Json(new { messaging_product = "whatsapp", messages = new[] { new { id } } });
    }

    public async ValueTask DisposeAsync()
    {
        Open();
        await _app.DisposeAsync();
    }
}
