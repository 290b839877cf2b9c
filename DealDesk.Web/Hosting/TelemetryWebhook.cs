using DealDesk.Data.Monitoring;
using Microsoft.Extensions.Options;

namespace DealDesk.Web.Hosting;

/// <summary>
/// Posts each alert start and clear to Alerts:WebhookUrl as {"text": "..."} (what Slack and Teams incoming
/// webhooks take), from its own queue: the sampler never waits for it and no request ever does. The named
/// client retries with Microsoft.Extensions.Http.Resilience's standard pipeline (backoff, timeouts, breaker).
/// </summary>
internal sealed class TelemetryWebhook(AlertMonitor alerts, IHttpClientFactory http, IOptionsMonitor<AlertOptions> options,
    ILogger<TelemetryWebhook> logger) : BackgroundService
{
    public const string ClientName = "alert-webhook";

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var transition in alerts.Transitions.ReadAllAsync(stop))
                await SendAsync(transition, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task SendAsync(AlertTransition t, CancellationToken stop)
    {
        var url = options.CurrentValue.WebhookUrl;
        if (string.IsNullOrWhiteSpace(url)) return;
        try
        {
            using var client = http.CreateClient(ClientName);
            using var response = await client.PostAsJsonAsync(url, new { text = Text(t) }, stop);
            if (!response.IsSuccessStatusCode)
                logger.LogWarning("Alert webhook answered {Status} for {Alert}", (int)response.StatusCode, t.Alert.Title);
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Alert webhook failed for {Alert}", t.Alert.Title);
        }
    }

    internal static string Text(AlertTransition t) => t.Started
        ? $"DealDesk alert on {t.Instance}: {t.Alert.Title}. {t.Alert.Detail}"
        : $"DealDesk alert cleared on {t.Instance}: {t.Alert.Title} (since {t.Alert.Since:HH:mm:ss} UTC, {Duration(t.At - t.Alert.Since)}).";

    private static string Duration(TimeSpan d) => d.TotalMinutes >= 1 ? $"{(int)d.TotalMinutes} min {d.Seconds} s" : $"{Math.Max(0, d.TotalSeconds):0} s";
}
