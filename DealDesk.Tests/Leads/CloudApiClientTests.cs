using System.Collections.Concurrent;
using System.Text.Json;
using DealDesk.Data.Leads.WhatsApp;
using DealDesk.Web.WhatsApp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DealDesk.Tests.Leads;

/// <summary>
/// The real Cloud API client (with the production resilience handler) against a small Kestrel stand-in on loopback:
/// the request it makes, and retries on 5xx, 429 and a timeout, and no retry on a 4xx.
/// </summary>
public sealed class CloudApiClientTests : IAsyncLifetime
{
    WebApplication _standIn = null!;
    string _baseUrl = "";
    readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    readonly ConcurrentQueue<(string Path, string? Auth, string Body)> _calls = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _standIn = builder.Build();
        _standIn.MapPost("/v21.0/{phoneNumberId}/messages", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            _calls.Enqueue((http.Request.Path, http.Request.Headers.Authorization.ToString(), await reader.ReadToEndAsync()));
            if (_script.TryDequeue(out var step)) await step(http);
            else await Accept(http);
        });
        await _standIn.StartAsync();
        _baseUrl = _standIn.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v21.0";
    }

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    static Task Accept(HttpContext http) =>
        http.Response.WriteAsJsonAsync(new { messaging_product = "whatsapp", messages = new[] { new { id = "wamid.standin." + Guid.NewGuid().ToString("N") } } });

    static Func<HttpContext, Task> Status(int status, string? retryAfter = null) => http =>
    {
        http.Response.StatusCode = status;
        if (retryAfter is not null) http.Response.Headers.RetryAfter = retryAfter;
        return http.Response.WriteAsJsonAsync(new { error = new { message = $"stand-in {status}", code = status } });
    };

    /// <summary>Answers only when the client gives up (its attempt timeout aborts the request).</summary>
    static Func<HttpContext, Task> Hang() => async http =>
    {
        try { await Task.Delay(Timeout.Infinite, http.RequestAborted); }
        catch (OperationCanceledException) { }
    };

    async Task<SendResult> SendAsync(Guid? reference = null, double attemptSeconds = 3)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new WhatsAppOptions
        {
            AccessToken = "test-token", ApiBaseUrl = _baseUrl, AttemptTimeout = TimeSpan.FromSeconds(attemptSeconds), RetryDelay = TimeSpan.FromMilliseconds(20),
        });
        services.AddCloudApiClient();
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IWhatsAppClient>();
        return await client.SendAsync(new OutboundMessage(Guid.NewGuid(), "109000000000001", "+13125550100", "Your car is ready",
            reference ?? Guid.NewGuid(), IsRetry: false), CancellationToken.None);
    }

    [Fact]
    public async Task It_posts_the_text_message_with_the_bearer_token_and_the_idempotency_reference()
    {
        var reference = Guid.NewGuid();
        var result = await SendAsync(reference);

        Assert.True(result.Accepted);
        Assert.StartsWith("wamid.standin.", result.ProviderMessageId);
        var call = Assert.Single(_calls);
        Assert.Equal("/v21.0/109000000000001/messages", call.Path);
        Assert.Equal("Bearer test-token", call.Auth);
        var body = JsonDocument.Parse(call.Body).RootElement;
        Assert.Equal("whatsapp", body.GetProperty("messaging_product").GetString());
        Assert.Equal("13125550100", body.GetProperty("to").GetString());
        Assert.Equal("Your car is ready", body.GetProperty("text").GetProperty("body").GetString());
        Assert.Equal(reference.ToString(), body.GetProperty("biz_opaque_callback_data").GetString());
    }

    [Fact]
    public async Task Server_errors_are_retried_until_the_stand_in_recovers()
    {
        _script.Enqueue(Status(500));
        _script.Enqueue(Status(503));

        var result = await SendAsync();

        Assert.True(result.Accepted);
        Assert.Equal(3, _calls.Count);
    }

    [Fact]
    public async Task Too_many_requests_is_retried()
    {
        _script.Enqueue(Status(429, retryAfter: "0"));

        var result = await SendAsync();

        Assert.True(result.Accepted);
        Assert.Equal(2, _calls.Count);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried()
    {
        _script.Enqueue(Hang());
        await SendAsync(); // warm: the first request on a cold stand-in may be slow on a busy machine
        _calls.Clear();
        _script.Enqueue(Hang());

        var result = await SendAsync(attemptSeconds: 1);

        Assert.True(result.Accepted);
        Assert.Equal(2, _calls.Count);
    }

    [Fact]
    public async Task A_lasting_outage_is_a_transient_failure_for_the_outbox_and_a_4xx_a_permanent_one()
    {
        for (var i = 0; i < 4; i++) _script.Enqueue(Status(503));
        var outage = await SendAsync();
        Assert.False(outage.Accepted);
        Assert.True(outage.Transient);
        Assert.Equal(4, _calls.Count); // the first attempt and 3 retries

        _script.Enqueue(Status(400));
        var refused = await SendAsync();
        Assert.False(refused.Accepted);
        Assert.False(refused.Transient);
        Assert.Contains("stand-in 400", refused.Error);
        Assert.Equal(5, _calls.Count); // no retry
    }
}
