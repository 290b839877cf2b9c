using DealDesk.Data.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DealDesk.Data.Leads.WhatsApp;

/// <summary>
/// The background sender: woken by the NOTIFY of a queued message (any dealership, any app instance), and every
/// <see cref="PollInterval"/> anyway for retries and stale claims.
/// </summary>
public sealed class OutboxSender(OutboxDispatcher dispatcher, ChangeFeed feed, ILogger<OutboxSender> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);
    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.SubscribeAllDealerships(
            c => c.IsResync || (c.Kind == ChangeKinds.MessageReceived && c.Get(ChangeKeys.Status) == MessageStatuses.Queued),
            _ => { Wake(); return Task.CompletedTask; });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "WhatsApp outbox pass failed; retrying in {Interval}", PollInterval);
            }
            try
            {
                await _wake.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Wake()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { /* already awake */ }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
