using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Leads.WhatsApp;

/// <summary>
/// The outbox's database steps for the sender, each its own committed unit under one dealership's tenant:
/// claim (queued → sending), then record the API's answer. The claim commits before the API is called, so
/// another sender (SKIP LOCKED, then status 'sending') never takes the same message.
/// </summary>
public sealed class OutboxStore(TransactionRunner runner, TenantContext tenant, IDbContextFactory<DealDeskDbContext> contexts, TimeProvider time)
{
    /// <summary>A 'sending' message older than this is taken again: its sender died between the claim and the record.</summary>
    public static readonly TimeSpan SendingLease = TimeSpan.FromMinutes(2);
    public const int MaxAttempts = 5;

    public sealed record Work(Guid DealershipId, string? PhoneNumberId);

    public sealed record Claimed(Guid Id, Guid ConversationId, string To, string Body, Guid IdempotencyRef, bool IsRetry);

    /// <summary>Dealerships with queued or stale sending messages (a SECURITY DEFINER function: ids only).</summary>
    public async Task<IReadOnlyList<Work>> PendingAsync(CancellationToken ct)
    {
        tenant.DealershipId = null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Database.SqlQuery<Work>(
            $"""SELECT dealership_id AS "DealershipId", phone_number_id AS "PhoneNumberId" FROM app_whatsapp_outbox_dealerships()""").ToListAsync(ct);
    }

    public void Use(Guid dealershipId)
    {
        tenant.DealershipId = dealershipId;
        tenant.UserId = null;
        tenant.IsManager = false;
    }

    /// <summary>Up to <paramref name="batch"/> messages, oldest first, marked sending in their own committed step.</summary>
    public Task<IReadOnlyList<Claimed>> ClaimAsync(int batch, CancellationToken ct) =>
        runner.RunAsync<IReadOnlyList<Claimed>>("whatsapp.outbox.claim", async (db, token) =>
        {
            var now = time.GetUtcNow();
            var stale = now - SendingLease;
            var rows = await db.Database.SqlQuery<Claimed>($"""
                WITH picked AS (
                    SELECT m.id FROM messages m
                    WHERE m.status = 'queued' OR (m.status = 'sending' AND m.status_at < {stale})
                    ORDER BY m.created_at LIMIT {batch} FOR UPDATE SKIP LOCKED)
                UPDATE messages m SET status = 'sending', status_at = {now}, attempts = m.attempts + 1
                FROM picked, conversations c
                WHERE m.id = picked.id AND c.dealership_id = m.dealership_id AND c.id = m.conversation_id
                RETURNING m.id AS "Id", m.conversation_id AS "ConversationId", c.customer_phone AS "To", m.body AS "Body",
                          m.idempotency_ref AS "IdempotencyRef", m.attempts > 1 AS "IsRetry"
                """).ToListAsync(token);
            await ChangePublisher.PublishAsync(db, [.. rows.Select(r =>
                LeadChanges.Message(tenant.DealershipId!.Value, ChangeKinds.MessageStatus, r.Id, r.ConversationId, MessageStatuses.Sending))], token);
            return rows;
        }, ct);

    /// <summary>
    /// Records the API's answer. Accepted: sent with the provider id (unless a status webhook, matched by the
    /// reference, already moved it further). Transient: queued again until <see cref="MaxAttempts"/>. Otherwise failed.
    /// </summary>
    public Task RecordAsync(Claimed message, SendResult result, CancellationToken ct) =>
        runner.RunAsync("whatsapp.outbox.record", async (db, token) =>
        {
            var now = time.GetUtcNow();
            string status;
            if (result.Accepted)
            {
                status = MessageStatuses.Sent;
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE messages SET provider_message_id = coalesce(provider_message_id, {result.ProviderMessageId}),
                        status = CASE WHEN status = 'sending' THEN 'sent' ELSE status END,
                        status_at = CASE WHEN status = 'sending' THEN {now} ELSE status_at END, error = NULL
                    WHERE id = {message.Id}
                    """, token);
            }
            else
            {
                status = result.Transient ? MessageStatuses.Queued : MessageStatuses.Failed;
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE messages SET status = CASE WHEN {result.Transient} AND attempts < {MaxAttempts} THEN 'queued' ELSE 'failed' END,
                        status_at = {now}, error = left({result.Error}, 1000)
                    WHERE id = {message.Id} AND status = 'sending'
                    """, token);
            }
            await ChangePublisher.PublishAsync(db,
                LeadChanges.Message(tenant.DealershipId!.Value, ChangeKinds.MessageStatus, message.Id, message.ConversationId, status), token);
            return true;
        }, ct);
}
