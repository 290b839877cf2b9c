using DealDesk.Data.Errors;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Leads;

/// <summary>
/// Who may see and work a lead: managers every lead of their dealership; salespeople theirs and unassigned ones.
/// Another dealership's lead is a 403 (MULTI_TENANT_VIOLATION) through the ownership probe, a missing one a 404.
/// </summary>
internal static class LeadAccess
{
    public static bool CanSee(Actor actor, Lead lead) => actor.IsManager || lead.AssignedTo is null || lead.AssignedTo == actor.UserId;

    public static async Task<Lead> LeadAsync(DealDeskDbContext db, Actor actor, Guid leadId, CancellationToken ct, bool forUpdate = false)
    {
        var query = forUpdate
            ? db.Leads.FromSql($"SELECT * FROM leads WHERE id = {leadId} FOR UPDATE")
            : db.Leads.Where(l => l.Id == leadId);
        var lead = await query.SingleOrDefaultAsync(ct) ?? throw await Ownership.MissingAsync(db, "leads", "Lead", leadId, ct);
        if (!CanSee(actor, lead)) throw LeadErrors.NotYours();
        return lead;
    }

    public static async Task<(Conversation Conversation, Lead Lead)> ConversationAsync(DealDeskDbContext db, Actor actor, Guid conversationId,
        CancellationToken ct, bool forUpdate = false)
    {
        var query = forUpdate
            ? db.Conversations.FromSql($"SELECT * FROM conversations WHERE id = {conversationId} FOR UPDATE")
            : db.Conversations.Where(c => c.Id == conversationId);
        var conversation = await query.SingleOrDefaultAsync(ct)
            ?? throw await Ownership.MissingAsync(db, "conversations", "Conversation", conversationId, ct);
        var lead = await db.Leads.SingleAsync(l => l.Id == conversation.LeadId, ct);
        if (!CanSee(actor, lead)) throw LeadErrors.NotYours();
        return (conversation, lead);
    }
}
