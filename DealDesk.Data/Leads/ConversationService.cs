using DealDesk.Data.Errors;
using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Leads;

/// <summary>Replies (through the outbox) and read marks on a conversation.</summary>
public sealed class ConversationService(TransactionRunner runner, ITenantContext tenant, TimeProvider time)
{
    public const int MaxBody = 4096;

    public sealed record Queued(Guid LeadId, Guid MessageId, MessageView Message);

    public Task<Queued> ReplyAsync(Guid conversationId, string? body, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(body) || body.Length > MaxBody)
            throw new DealDeskException(AppError.Validation(new Dictionary<string, string[]>
            {
                ["body"] = [string.IsNullOrWhiteSpace(body) ? "Write a message." : $"At most {MaxBody} characters."],
            }));
        return ReplyInAsync(runner, Actor.From(tenant), conversationId, body, time, ct);
    }

    /// <summary>
    /// The transactional outbox: the reply is written as queued in the unit that checks the window and the opt-out
    /// (conversation row locked, so an inbound STOP commits before or after, never in between), and the NOTIFY
    /// that wakes the sender goes out only if it commits.
    /// </summary>
    internal static Task<Queued> ReplyInAsync(TransactionRunner runner, Actor actor, Guid conversationId, string body, TimeProvider time,
        CancellationToken ct) =>
        runner.RunAsync("leads.reply", async (db, token) =>
        {
            var (conversation, lead) = await LeadAccess.ConversationAsync(db, actor, conversationId, token, forUpdate: true);
            var now = time.GetUtcNow();
            if (conversation.OptedOut) throw LeadErrors.OptedOut();
            if (!ReplyWindow.IsOpen(conversation.LastInboundAt, now)) throw LeadErrors.WindowClosed(conversation.LastInboundAt);
            var message = new Message
            {
                Id = Guid.NewGuid(), DealershipId = actor.DealershipId, ConversationId = conversation.Id, Direction = MessageDirections.Outbound,
                Body = body.Trim(), Status = MessageStatuses.Queued, IdempotencyRef = Guid.NewGuid(), SentBy = actor.UserId,
                CreatedAt = now, StatusAt = now,
            };
            db.Messages.Add(message);
            conversation.LastMessageAt = now;
            conversation.UnreadCount = 0;
            lead.FirstResponseAt ??= now;
            if (lead.Status == LeadStatuses.New) lead.Status = LeadStatuses.Contacted;
            lead.UpdatedAt = now;
            await db.SaveChangesAsync(token);
            await ChangePublisher.PublishAsync(db, [
                LeadChanges.Message(actor.DealershipId, ChangeKinds.MessageReceived, message.Id, conversation.Id, message.Status, actor.UserId),
                LeadChanges.Changed(actor.DealershipId, lead, conversation.Id, actor.UserId),
            ], token);
            return new Queued(lead.Id, message.Id, MessageView.From(message));
        }, ct);

    /// <summary>Opening a conversation reads it: its unread count goes to zero (no announcement: counts are per dealership, not per person).</summary>
    public Task MarkReadAsync(Guid conversationId, CancellationToken ct = default)
    {
        var actor = Actor.From(tenant);
        return runner.RunAsync("leads.mark-read", async (db, token) =>
        {
            await LeadAccess.ConversationAsync(db, actor, conversationId, token);
            await db.Conversations.Where(c => c.Id == conversationId && c.UnreadCount > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UnreadCount, 0), token);
            return true;
        }, ct);
    }
}
