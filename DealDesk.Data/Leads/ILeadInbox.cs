namespace DealDesk.Data.Leads;

/// <summary>What the inbox page reads (LeadQueries); an interface so component tests can fake it.</summary>
public interface ILeadInbox
{
    Task<Inventory.Paged<InboxItem>> ListAsync(LeadSearch search, CancellationToken ct = default);
    Task<LeadDetails> ByConversationAsync(Guid conversationId, CancellationToken ct = default);
    Task<IReadOnlyList<(Guid Id, string Name)>> PeopleAsync(CancellationToken ct = default);
}

/// <summary>What the inbox page does (LeadService and ConversationService).</summary>
public interface ILeadInboxActions
{
    Task<LeadView> ClaimAsync(Guid leadId, CancellationToken ct = default);
    Task<LeadView> AssignAsync(Guid leadId, Guid? userId, CancellationToken ct = default);
    Task<LeadView> UpdateAsync(Guid leadId, UpdateLeadRequest request, CancellationToken ct = default);
    Task<MessageView> ReplyAsync(Guid conversationId, string? body, CancellationToken ct = default);
    Task MarkReadAsync(Guid conversationId, CancellationToken ct = default);
}

internal sealed class LeadInboxActions(LeadService leads, ConversationService conversations) : ILeadInboxActions
{
    public Task<LeadView> ClaimAsync(Guid leadId, CancellationToken ct = default) => leads.ClaimAsync(leadId, ct);
    public Task<LeadView> AssignAsync(Guid leadId, Guid? userId, CancellationToken ct = default) => leads.AssignAsync(leadId, userId, ct);
    public Task<LeadView> UpdateAsync(Guid leadId, UpdateLeadRequest request, CancellationToken ct = default) => leads.UpdateAsync(leadId, request, ct);
    public async Task<MessageView> ReplyAsync(Guid conversationId, string? body, CancellationToken ct = default) =>
        (await conversations.ReplyAsync(conversationId, body, ct)).Message;
    public Task MarkReadAsync(Guid conversationId, CancellationToken ct = default) => conversations.MarkReadAsync(conversationId, ct);
}
