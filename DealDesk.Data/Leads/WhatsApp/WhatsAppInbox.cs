using DealDesk.Data.Customers;
using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DealDesk.Data.Leads.WhatsApp;

/// <summary>
/// Applies a verified webhook: each event under the tenant its phone_number_id names, in its own unit of work.
/// Registered per request (anonymous): it sets the request's <see cref="TenantContext"/> per dealership.
/// </summary>
public sealed class WhatsAppInbox(
    TransactionRunner runner,
    TenantContext tenant,
    IDbContextFactory<DealDeskDbContext> contexts,
    TimeProvider time,
    ILogger<WhatsAppInbox> logger)
{
    private readonly Dictionary<string, Guid?> _dealerships = [];

    public async Task<WebhookOutcome> ApplyAsync(WebhookBatch batch, CancellationToken ct = default)
    {
        int stored = 0, applied = 0, ignored = 0;
        foreach (var message in batch.Messages)
        {
            if (await UseDealershipAsync(message.PhoneNumberId, ct) && await ReceiveAsync(message, ct)) stored++;
            else ignored++;
        }
        foreach (var status in batch.Statuses)
        {
            if (await UseDealershipAsync(status.PhoneNumberId, ct) && await ApplyStatusAsync(status, ct)) applied++;
            else ignored++;
        }
        return new WebhookOutcome(stored, applied, ignored);
    }

    /// <summary>Sets the tenant for the number's dealership; false (logged) for a number no dealership has.</summary>
    private async Task<bool> UseDealershipAsync(string phoneNumberId, CancellationToken ct)
    {
        if (!_dealerships.TryGetValue(phoneNumberId, out var id))
        {
            tenant.DealershipId = null;
            await using var db = await contexts.CreateDbContextAsync(ct);
            id = await db.Database.SqlQuery<Guid?>($"SELECT app_dealership_for_whatsapp_number({phoneNumberId}) AS \"Value\"").SingleAsync(ct);
            _dealerships[phoneNumberId] = id;
            if (id is null) logger.LogWarning("WhatsApp webhook for unknown phone_number_id {PhoneNumberId}: ignored", phoneNumberId);
        }
        tenant.DealershipId = id;
        tenant.UserId = null;
        tenant.IsManager = false;
        return id is not null;
    }

    private async Task<bool> ReceiveAsync(InboundMessage message, CancellationToken ct)
    {
        var from = message.From.StartsWith('+') ? message.From : "+" + message.From;
        if (!Phones.IsValid(from))
        {
            logger.LogWarning("WhatsApp message {MessageId} from an unreadable number: ignored", message.ProviderMessageId);
            return false;
        }
        var phone = Phones.Normalize(from)!;
        var dealershipId = tenant.DealershipId!.Value;
        var name = string.IsNullOrWhiteSpace(message.ProfileName) ? Phones.Format(phone) : message.ProfileName.Trim();
        if (name.Length > 160) name = name[..160];
        var body = message.Body.Length > ConversationService.MaxBody ? message.Body[..ConversationService.MaxBody] : message.Body;
        return await runner.RunAsync("whatsapp.receive", async (db, token) =>
        {
            var outcome = await LeadFunctions.CreateLeadWithConversationAsync(db, phone, name, LeadTypes.Other, null, LeadSources.WhatsApp,
                null, message.Timestamp, new LeadFunctions.FirstMessage(MessageDirections.Inbound, body, message.ProviderMessageId), token);
            if (!outcome.MessageCreated) return false; // a redelivery
            List<Change> changes = [LeadChanges.Message(dealershipId, ChangeKinds.MessageReceived, outcome.MessageId!.Value, outcome.ConversationId, MessageStatuses.Received)];
            if (outcome.LeadCreated) changes.Insert(0, LeadChanges.Created(dealershipId, outcome.LeadId, outcome.ConversationId, null));
            await ChangePublisher.PublishAsync(db, changes, token);
            return true;
        }, ct);
    }

    /// <summary>
    /// Moves an outbound message's status forward only (sent → delivered → read; failed from sent or earlier), found by
    /// its provider id or, when the report beats the sender's own "sent" record, by our idempotency reference.
    /// </summary>
    private async Task<bool> ApplyStatusAsync(StatusReport report, CancellationToken ct)
    {
        if (!MessageStatuses.Reported.Contains(report.Status)) return false;
        var reference = Guid.TryParse(report.CallbackData, out var r) ? r : (Guid?)null;
        var dealershipId = tenant.DealershipId!.Value;
        var now = time.GetUtcNow();
        return await runner.RunAsync("whatsapp.status", async (db, token) =>
        {
            var moved = await db.Database.SqlQuery<MovedRow>($"""
                UPDATE messages SET status = {report.Status}, status_at = {now},
                    provider_message_id = coalesce(provider_message_id, {report.ProviderMessageId}),
                    error = CASE WHEN {report.Status} = 'failed' THEN {report.Error} ELSE error END
                WHERE direction = 'outbound'
                  AND (provider_message_id = {report.ProviderMessageId} OR (provider_message_id IS NULL AND idempotency_ref = {reference}::uuid))
                  AND status <> 'failed'
                  AND CASE {report.Status} WHEN 'failed' THEN status IN ('queued', 'sending', 'sent')
                      ELSE (CASE status WHEN 'queued' THEN 0 WHEN 'sending' THEN 1 WHEN 'sent' THEN 2 WHEN 'delivered' THEN 3 WHEN 'read' THEN 4 END)
                         < (CASE {report.Status} WHEN 'sent' THEN 2 WHEN 'delivered' THEN 3 WHEN 'read' THEN 4 END) END
                RETURNING id AS "Id", conversation_id AS "ConversationId"
                """).ToListAsync(token);
            if (moved.Count == 0) return false;
            await ChangePublisher.PublishAsync(db,
                [.. moved.Select(m => LeadChanges.Message(dealershipId, ChangeKinds.MessageStatus, m.Id, m.ConversationId, report.Status))], token);
            return true;
        }, ct);
    }

    private sealed record MovedRow(Guid Id, Guid ConversationId);
}
