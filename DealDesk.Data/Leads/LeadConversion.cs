using DealDesk.Data.Deals;
using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Leads;

/// <summary>
/// "Create deal" from a lead: inside the deal's unit of work (DealService), so the deal and the converted lead
/// commit together or not at all. The conditional UPDATE makes a second conversion of the same lead fail.
/// </summary>
internal static class LeadConversion
{
    public static async Task ConvertAsync(DealDeskDbContext db, Actor actor, Guid leadId, Deal deal, DateTimeOffset now, CancellationToken ct)
    {
        var lead = await LeadAccess.LeadAsync(db, actor, leadId, ct, forUpdate: true);
        if (lead.Status == LeadStatuses.Converted) throw LeadErrors.Converted(lead.DealId);
        lead.Status = LeadStatuses.Converted;
        lead.DealId = deal.Id;
        lead.AssignedTo ??= actor.UserId;
        lead.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        var conversationId = await db.Conversations.Where(c => c.LeadId == leadId).Select(c => c.Id).SingleAsync(ct);
        await ChangePublisher.PublishAsync(db, LeadChanges.Changed(actor.DealershipId, lead, conversationId, actor.UserId), ct);
    }
}
