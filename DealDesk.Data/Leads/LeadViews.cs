using DealDesk.Data.Customers;

namespace DealDesk.Data.Leads;

public sealed record LeadView(Guid Id, Guid ConversationId, string CustomerPhone, string CustomerName, string Type, string? Details,
    string Status, string Source, Guid? AssignedTo, Guid? DealId, string? Notes, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstResponseAt)
{
    public string PhoneDisplay => Phones.Format(CustomerPhone);

    public static LeadView From(Lead l, Guid conversationId) =>
        new(l.Id, conversationId, l.CustomerPhone, l.CustomerName, l.Type, l.Details, l.Status, l.Source, l.AssignedTo, l.DealId, l.Notes,
            l.CreatedAt, l.UpdatedAt, l.FirstResponseAt);
}

public sealed record MessageView(Guid Id, Guid ConversationId, string Direction, string Body, string? ProviderMessageId, string Status,
    string? Error, DateTimeOffset CreatedAt, DateTimeOffset StatusAt)
{
    public bool IsInbound => Direction == MessageDirections.Inbound;

    public static MessageView From(Message m) =>
        new(m.Id, m.ConversationId, m.Direction, m.Body, m.ProviderMessageId, m.Status, m.Error, m.CreatedAt, m.StatusAt);
}

public sealed record ConversationView(Guid Id, Guid LeadId, string Channel, string CustomerPhone, string Status, DateTimeOffset? LastInboundAt,
    DateTimeOffset LastMessageAt, int UnreadCount, bool OptedOut)
{
    public static ConversationView From(Conversation c) =>
        new(c.Id, c.LeadId, c.Channel, c.CustomerPhone, c.Status, c.LastInboundAt, c.LastMessageAt, c.UnreadCount, c.OptedOut);
}

/// <summary>GET /api/leads/{id} and the conversation screen: the lead, its conversation and its messages (oldest first).</summary>
public sealed record LeadDetails(LeadView Lead, ConversationView Conversation, IReadOnlyList<MessageView> Messages, string? AssigneeName);

/// <summary>One inbox row: the lead and its conversation's latest state.</summary>
public sealed record InboxItem(Guid LeadId, Guid ConversationId, string CustomerName, string CustomerPhone, string Type, string Status,
    string Source, Guid? AssignedTo, string? AssigneeName, int UnreadCount, bool OptedOut, DateTimeOffset LastMessageAt,
    DateTimeOffset? LastInboundAt, DateTimeOffset? LastOutboundAt, string? LastMessage, string? LastDirection)
{
    public string PhoneDisplay => Phones.Format(CustomerPhone);

    /// <summary>The customer wrote last and nobody has answered since: the first-response SLA clock runs.</summary>
    public DateTimeOffset? AwaitingReplySince =>
        LastInboundAt is { } inbound && (LastOutboundAt is null || LastOutboundAt < inbound) ? inbound : null;
}

public sealed record LeadSearch(string? Status = null, string? Type = null, string? Assigned = null, string? Q = null, int Page = 1, int PageSize = 50);
