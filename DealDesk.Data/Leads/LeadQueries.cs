using DealDesk.Data.Customers;
using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Leads;

/// <summary>
/// The inbox's reads, one short-lived context each. Salespeople see their leads and unassigned ones; managers all.
/// <see cref="LeadSearch.Assigned"/>: "me", "unassigned", or a user id.
/// </summary>
public sealed class LeadQueries(IDbContextFactory<DealDeskDbContext> contexts, ITenantContext tenant) : ILeadInbox
{
    public async Task<Paged<InboxItem>> ListAsync(LeadSearch search, CancellationToken ct = default)
    {
        var actor = Actor.From(tenant);
        await using var db = await contexts.OpenAsync(ct);
        var leads = db.Leads.AsNoTracking();
        if (!actor.IsManager) leads = leads.Where(l => l.AssignedTo == null || l.AssignedTo == actor.UserId);
        if (!string.IsNullOrWhiteSpace(search.Status)) leads = leads.Where(l => l.Status == search.Status);
        if (!string.IsNullOrWhiteSpace(search.Type)) leads = leads.Where(l => l.Type == search.Type);
        if (search.Assigned == "me") leads = leads.Where(l => l.AssignedTo == actor.UserId);
        else if (search.Assigned == "unassigned") leads = leads.Where(l => l.AssignedTo == null);
        else if (Guid.TryParse(search.Assigned, out var user)) leads = leads.Where(l => l.AssignedTo == user);
        if (!string.IsNullOrWhiteSpace(search.Q))
        {
            var term = search.Q.Trim();
            var digits = Phones.SearchDigits(term, term.Any(char.IsAsciiDigit) ? await DealershipPhoneRegion.ReadAsync(db, actor.DealershipId, ct) : null);
            leads = leads.Where(l => EF.Functions.ILike(l.CustomerName, "%" + term + "%")
                || (digits.Length >= 3 && l.CustomerPhone.Contains(digits)));
        }
        var rows = from l in leads
                   join c in db.Conversations on l.Id equals c.LeadId
                   select new { l, c };
        var total = await rows.CountAsync(ct);
        var page = Math.Max(1, search.Page);
        var size = Math.Clamp(search.PageSize, 1, 200);
        var items = await rows.OrderByDescending(r => r.c.LastMessageAt).ThenBy(r => r.l.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(r => new InboxItem(r.l.Id, r.c.Id, r.l.CustomerName, r.l.CustomerPhone, r.l.Type, r.l.Status, r.l.Source, r.l.AssignedTo,
                db.Users.Where(u => u.Id == r.l.AssignedTo).Select(u => u.DisplayName).FirstOrDefault(),
                r.c.UnreadCount, r.c.OptedOut, r.c.LastMessageAt, r.c.LastInboundAt,
                db.Messages.Where(m => m.ConversationId == r.c.Id && m.Direction == MessageDirections.Outbound).Max(m => (DateTimeOffset?)m.CreatedAt),
                db.Messages.Where(m => m.ConversationId == r.c.Id).OrderByDescending(m => m.CreatedAt).Select(m => m.Body).FirstOrDefault(),
                db.Messages.Where(m => m.ConversationId == r.c.Id).OrderByDescending(m => m.CreatedAt).Select(m => m.Direction).FirstOrDefault()))
            .ToListAsync(ct);
        return new Paged<InboxItem>(items, page, size, total);
    }

    public async Task<LeadDetails> GetAsync(Guid leadId, CancellationToken ct = default)
    {
        var actor = Actor.From(tenant);
        await using var db = await contexts.OpenAsync(ct);
        var lead = await LeadAccess.LeadAsync(db, actor, leadId, ct);
        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.LeadId == leadId, ct);
        return await DetailsAsync(db, lead, conversation, ct);
    }

    public async Task<LeadDetails> ByConversationAsync(Guid conversationId, CancellationToken ct = default)
    {
        var actor = Actor.From(tenant);
        await using var db = await contexts.OpenAsync(ct);
        var (conversation, lead) = await LeadAccess.ConversationAsync(db, actor, conversationId, ct);
        return await DetailsAsync(db, lead, conversation, ct);
    }

    public async Task<IReadOnlyList<MessageView>> MessagesAsync(Guid conversationId, CancellationToken ct = default)
    {
        var actor = Actor.From(tenant);
        await using var db = await contexts.OpenAsync(ct);
        await LeadAccess.ConversationAsync(db, actor, conversationId, ct);
        return await MessagesOfAsync(db, conversationId, ct);
    }

    /// <summary>The dealership's people, for the assign menu.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> PeopleAsync(CancellationToken ct = default)
    {
        var actor = Actor.From(tenant);
        await using var db = await contexts.OpenAsync(ct);
        var people = await db.Users.AsNoTracking().Where(u => u.DealershipId == actor.DealershipId)
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        return [.. people.Select(p => (p.Id, p.DisplayName.Length > 0 ? p.DisplayName : p.Email ?? "?"))];
    }

    private static async Task<LeadDetails> DetailsAsync(DealDeskDbContext db, Lead lead, Conversation conversation, CancellationToken ct)
    {
        var assignee = lead.AssignedTo is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) : null;
        return new LeadDetails(LeadView.From(lead, conversation.Id), ConversationView.From(conversation),
            await MessagesOfAsync(db, conversation.Id, ct), assignee);
    }

    private static async Task<IReadOnlyList<MessageView>> MessagesOfAsync(DealDeskDbContext db, Guid conversationId, CancellationToken ct) =>
        (await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .ToListAsync(ct)).Select(MessageView.From).ToList();
}
