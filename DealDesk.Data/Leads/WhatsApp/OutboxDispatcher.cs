using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DealDesk.Data.Leads.WhatsApp;

/// <summary>
/// One pass over the outbox: for each dealership with work, claim a batch (committed as 'sending'), call the
/// client outside any transaction, record each answer. Safe to run in several instances at once.
///
/// Never twice: a message is handed to the API only after its claim committed, and only the claimer sends it.
/// A crash after the API call but before the record leaves it 'sending'; it is taken again only after
/// <see cref="OutboxStore.SendingLease"/>, by which time the Cloud API's "sent" status webhook (which carries our
/// idempotency reference as biz_opaque_callback_data) has normally moved it to sent. Only a message that no status
/// has named is retried, with the same reference and IsRetry set, so the client can check before sending again.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, IWhatsAppClient client, ILogger<OutboxDispatcher> logger)
{
    public const int BatchSize = 20;

    /// <summary>Sends until the outbox is empty (or only failing messages remain); returns how many were handed to the client.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var handed = 0;
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<OutboxStore>();
        foreach (var work in await store.PendingAsync(ct))
        {
            store.Use(work.DealershipId);
            while (!ct.IsCancellationRequested)
            {
                var claimed = await store.ClaimAsync(BatchSize, ct);
                if (claimed.Count == 0) break;
                var anyAccepted = false;
                foreach (var message in claimed)
                {
                    handed++;
                    var result = await SendAsync(work, message, ct);
                    anyAccepted |= result.Accepted;
                    await store.RecordAsync(message, result, ct);
                }
                if (!anyAccepted) break; // the API is down: leave the rest for the next pass
            }
        }
        return handed;
    }

    private async Task<SendResult> SendAsync(OutboxStore.Work work, OutboxStore.Claimed message, CancellationToken ct)
    {
        try
        {
            return await client.SendAsync(new OutboundMessage(message.Id, work.PhoneNumberId ?? "", message.To, message.Body,
                message.IdempotencyRef, message.IsRetry), ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException && !ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "WhatsApp send of message {MessageId} failed; it stays in the outbox", message.Id);
            return SendResult.Failed(ex.Message, transient: true);
        }
    }
}
