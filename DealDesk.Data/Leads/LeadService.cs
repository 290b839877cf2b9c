using DealDesk.Data.Audit;
using DealDesk.Data.Customers;
using DealDesk.Data.Errors;
using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Leads;

/// <summary>
/// Lead writes by signed-in people: create (with its conversation, atomically), manual send, claim, assign, edit.
/// Each is one unit of work through the runner, announcing its change inside it.
/// </summary>
public sealed class LeadService(
    TransactionRunner runner,
    ITenantContext tenant,
    IValidator<CreateLeadRequest> createValidator,
    IValidator<ManualSendRequest> sendValidator,
    IValidator<UpdateLeadRequest> updateValidator,
    ICurrentDealership dealership,
    TimeProvider time)
{
    public async Task<LeadCreated> CreateAsync(CreateLeadRequest request, CancellationToken ct = default)
    {
        var region = await dealership.ForAsync(request.CustomerPhone, ct);
        createValidator.ThrowIfInvalid(request, region);
        var actor = Actor.From(tenant);
        var phone = Phones.Normalize(request.CustomerPhone, region)!;
        return await runner.RunAsync("leads.create", async (db, token) =>
        {
            var now = time.GetUtcNow();
            // A salesperson's own lead is theirs; a manager's (or an integration's) is unassigned unless round-robin picks.
            var outcome = await LeadFunctions.CreateLeadWithConversationAsync(db, phone, request.CustomerName!.Trim(), request.Type!,
                Blank(request.Details), request.Source ?? LeadSources.Web, actor.IsManager ? null : actor.UserId, now, null, token);
            if (!outcome.LeadCreated) throw LeadErrors.AlreadyOpen(outcome.LeadId, outcome.ConversationId);
            AuditTrail.Record(db, actor, "lead.created", "lead", outcome.LeadId, new { outcome.ConversationId, request.Type, request.Source },
                now, summary: $"Created a {LeadTypes.Label(request.Type!).ToLowerInvariant()} lead for {request.CustomerName!.Trim()}");
            await ChangePublisher.PublishAsync(db, LeadChanges.Created(actor.DealershipId, outcome.LeadId, outcome.ConversationId, actor.UserId), token);
            return new LeadCreated(outcome.LeadId, outcome.ConversationId, null);
        }, ct);
    }

    /// <summary>
    /// POST /api/whatsapp: a message to a number. With createLead, lead + conversation + the queued message in one
    /// function call (a business-initiated first message); otherwise it goes into the number's active conversation,
    /// under the same rules as a reply.
    /// </summary>
    public async Task<LeadCreated> SendAsync(ManualSendRequest request, CancellationToken ct = default)
    {
        var region = await dealership.ForAsync(request.To, ct);
        sendValidator.ThrowIfInvalid(request, region);
        var actor = Actor.From(tenant);
        var phone = Phones.Normalize(request.To, region)!;
        if (!request.CreateLead)
        {
            var conversationId = await runner.RunAsync("leads.find-conversation", async (db, token) =>
                await db.Conversations.Where(c => c.CustomerPhone == phone && c.Status == "active").Select(c => (Guid?)c.Id).SingleOrDefaultAsync(token), ct)
                ?? throw new DealDeskException(AppError.NotFound("Conversation with this number"));
            var reply = await ConversationService.ReplyInAsync(runner, actor, conversationId, request.Message!, time, ct);
            return new LeadCreated(reply.LeadId, conversationId, reply.MessageId);
        }
        return await runner.RunAsync("leads.send-new", async (db, token) =>
        {
            var now = time.GetUtcNow();
            var outcome = await LeadFunctions.CreateLeadWithConversationAsync(db, phone, request.CustomerName!.Trim(), LeadTypes.Other, null,
                LeadSources.WhatsApp, actor.IsManager ? null : actor.UserId, now,
                new LeadFunctions.FirstMessage(MessageDirections.Outbound, request.Message!.Trim(), IdempotencyRef: Guid.NewGuid(), SentBy: actor.UserId), token);
            if (!outcome.LeadCreated) throw LeadErrors.AlreadyOpen(outcome.LeadId, outcome.ConversationId);
            await ChangePublisher.PublishAsync(db, [
                LeadChanges.Created(actor.DealershipId, outcome.LeadId, outcome.ConversationId, actor.UserId),
                LeadChanges.Message(actor.DealershipId, ChangeKinds.MessageReceived, outcome.MessageId!.Value, outcome.ConversationId, MessageStatuses.Queued, actor.UserId),
            ], token);
            return new LeadCreated(outcome.LeadId, outcome.ConversationId, outcome.MessageId);
        }, ct);
    }

    /// <summary>
    /// An unassigned lead becomes the caller's. The conditional UPDATE is the arbiter: of two salespeople claiming at
    /// once, the second's UPDATE waits for the first's row lock, re-reads the row, finds it assigned and matches nothing.
    /// </summary>
    public Task<LeadView> ClaimAsync(Guid leadId, CancellationToken ct = default)
    {
        var actor = Actor.From(tenant);
        return runner.RunAsync("leads.claim", async (db, token) =>
        {
            var now = time.GetUtcNow();
            var claimed = await db.Leads.Where(l => l.Id == leadId && l.AssignedTo == null)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.AssignedTo, actor.UserId).SetProperty(l => l.UpdatedAt, now), token);
            var lead = await db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == leadId, token)
                ?? throw await Ownership.MissingAsync(db, "leads", "Lead", leadId, token);
            if (claimed == 0 && lead.AssignedTo != actor.UserId) throw LeadErrors.AlreadyClaimed(lead.AssignedTo);
            return await ChangedAsync(db, actor, lead, "lead.claimed", "Claimed the lead", token);
        }, ct);
    }

    /// <summary>Managers (re)assign; null unassigns.</summary>
    public Task<LeadView> AssignAsync(Guid leadId, Guid? userId, CancellationToken ct = default)
    {
        var actor = Actor.From(tenant);
        if (!actor.IsManager) throw new DealDeskException(new AppError(ErrorCodes.Forbidden, 403, "Only a manager can assign leads."));
        return runner.RunAsync("leads.assign", async (db, token) =>
        {
            var lead = await LeadAccess.LeadAsync(db, actor, leadId, token, forUpdate: true);
            if (userId is { } id && !await db.Users.AnyAsync(u => u.Id == id && u.DealershipId == actor.DealershipId, token))
                throw await Ownership.MissingAsync(db, "users", "Salesperson", id, token);
            lead.AssignedTo = userId;
            lead.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(token);
            return await ChangedAsync(db, actor, lead, "lead.assigned", userId is null ? "Unassigned the lead" : "Assigned the lead", token);
        }, ct);
    }

    public Task<LeadView> UpdateAsync(Guid leadId, UpdateLeadRequest request, CancellationToken ct = default)
    {
        updateValidator.ThrowIfInvalid(request);
        var actor = Actor.From(tenant);
        return runner.RunAsync("leads.update", async (db, token) =>
        {
            var lead = await LeadAccess.LeadAsync(db, actor, leadId, token, forUpdate: true);
            if (lead.Status == LeadStatuses.Converted && request.Status is not null) throw LeadErrors.Converted(lead.DealId);
            lead.Status = request.Status ?? lead.Status;
            lead.Type = request.Type ?? lead.Type;
            if (request.Notes is not null) lead.Notes = Blank(request.Notes);
            lead.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(token);
            return await ChangedAsync(db, actor, lead, "lead.updated", $"Updated the lead ({lead.Status})", token);
        }, ct);
    }

    private async Task<LeadView> ChangedAsync(DealDeskDbContext db, Actor actor, Lead lead, string action, string summary, CancellationToken ct)
    {
        var conversationId = await db.Conversations.Where(c => c.LeadId == lead.Id).Select(c => c.Id).SingleAsync(ct);
        AuditTrail.Record(db, actor, action, "lead", lead.Id, new { lead.Status, lead.AssignedTo, lead.Type }, time.GetUtcNow(), summary: summary);
        await ChangePublisher.PublishAsync(db, LeadChanges.Changed(actor.DealershipId, lead, conversationId, actor.UserId), ct);
        return LeadView.From(lead, conversationId);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
