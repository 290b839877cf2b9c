using DealDesk.Data.Monitoring;
using DealDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace DealDesk.Tests.Monitoring.Support;

/// <summary>The app with monitoring settings for tests (fast sampling, a low slow-query threshold, a small pool), its log captured.</summary>
public sealed class MonitoringAppFactory(TestDatabase db, IReadOnlyDictionary<string, string> settings) : DealDeskAppFactory(db)
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Logs));
    }
}

/// <summary>
/// Class fixture: a private database, a local webhook receiver, and the app sampling every 200 ms with a pool
/// of 3 connections, slow queries from 250 ms, and a waiting-requests alert above 1 posted to the receiver.
/// </summary>
public class MonitoringFixture : AppFixture
{
    WebhookReceiver? _webhook;

    public WebhookReceiver Webhook => _webhook ?? throw new InvalidOperationException("The fixture is not initialized.");

    public MonitoringSampler Sampler => App.Services.GetRequiredService<MonitoringSampler>();

    public LogCapture Logs => ((MonitoringAppFactory)App).Logs;

    protected override string Prefix => "monitoring";

    protected virtual Dictionary<string, string> Settings => new()
    {
        ["Monitoring:SampleInterval"] = "00:00:00.200",
        ["Monitoring:DetailsInterval"] = "00:00:01",
        ["DB_SLOW_QUERY_THRESHOLD"] = "250",
        ["DB_POOL_MAX"] = "3",
        ["DB_POOL_MIN"] = "0",
        ["Alerts:WaitingRequests"] = "1",
        ["Alerts:WebhookUrl"] = Webhook.Url,
    };

    public override async Task InitializeAsync()
    {
        _webhook = WebhookReceiver.Start(); // before the app: its URL is a setting
        await base.InitializeAsync();
    }

    protected override DealDeskAppFactory CreateApp() => new MonitoringAppFactory(Db, Settings);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _webhook?.Dispose();
    }
}

/// <summary>Waiting on the sampler: for a snapshot that shows something, never for a fixed time.</summary>
public static class SamplerWaits
{
    /// <summary>
    /// Subscribes as a dashboard of <paramref name="dealershipId"/> (so PostgreSQL and its integrity are sampled) and
    /// returns the first snapshot that meets <paramref name="condition"/>.
    /// </summary>
    public static async Task<MonitoringSnapshot> WaitForAsync(this MonitoringSampler sampler, Guid? dealershipId,
        Func<MonitoringSnapshot, bool> condition, int timeoutSeconds = 20)
    {
        var found = new TaskCompletionSource<MonitoringSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        MonitoringSnapshot? last = null;
        using (sampler.Subscribe(dealershipId, s =>
               {
                   last = s;
                   if (condition(s)) found.TrySetResult(s);
                   return Task.CompletedTask;
               }))
        {
            try
            {
                return await found.Task.WaitAsync(TimeSpan.FromSeconds(timeoutSeconds));
            }
            catch (TimeoutException)
            {
                throw new Xunit.Sdk.XunitException($"No snapshot met the condition within {timeoutSeconds} s. Last: {last}");
            }
        }
    }

    /// <summary>Waits for <paramref name="ticks"/> more samples without subscribing (no dashboard is added).</summary>
    public static async Task<MonitoringSnapshot> TicksAsync(this MonitoringSampler sampler, int ticks, int timeoutSeconds = 30)
    {
        MonitoringSnapshot snapshot = await sampler.NextAsync().WaitAsync(TimeSpan.FromSeconds(timeoutSeconds));
        for (var i = 1; i < ticks; i++) snapshot = await sampler.NextAsync().WaitAsync(TimeSpan.FromSeconds(timeoutSeconds));
        return snapshot;
    }
}
