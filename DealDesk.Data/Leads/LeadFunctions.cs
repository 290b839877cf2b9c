using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Leads;

/// <summary>The call to create_lead_with_conversation (Migrations/Sql/leads.sql): one round trip, RLS applying inside.</summary>
internal static class LeadFunctions
{
    public sealed record Outcome(Guid LeadId, Guid ConversationId, Guid? MessageId, bool LeadCreated, bool MessageCreated);

    public sealed record FirstMessage(string Direction, string Body, string? ProviderMessageId = null, Guid? IdempotencyRef = null, Guid? SentBy = null);

    public static Task<Outcome> CreateLeadWithConversationAsync(DealDeskDbContext db, string phone, string name, string type,
        string? details, string source, Guid? assignedTo, DateTimeOffset at, FirstMessage? message, CancellationToken ct) =>
        db.Database.SqlQuery<Outcome>($"""
            SELECT lead_id AS "LeadId", conversation_id AS "ConversationId", message_id AS "MessageId",
                   lead_created AS "LeadCreated", message_created AS "MessageCreated"
            FROM create_lead_with_conversation({phone}::text, {name}::text, {type}::text, {details}::text, {source}::text,
                {assignedTo}::uuid, {at}::timestamptz, {message?.Direction}::text, {message?.Body}::text,
                {message?.ProviderMessageId}::text, {message?.IdempotencyRef}::uuid, {message?.SentBy}::uuid)
            """).SingleAsync(ct);
}
