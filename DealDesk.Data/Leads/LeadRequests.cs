namespace DealDesk.Data.Leads;

/// <summary>A lead typed in or posted by an integration; the phone is stored as E.164.</summary>
public sealed record CreateLeadRequest
{
    public string? CustomerPhone { get; init; }
    public string? CustomerName { get; init; }
    public string? Type { get; init; }
    public string? Details { get; init; }
    public string? Source { get; init; }
}

/// <summary>The manual send: to a number, optionally creating its lead + conversation with the message.</summary>
public sealed record ManualSendRequest
{
    public string? To { get; init; }
    public string? Message { get; init; }
    public bool CreateLead { get; init; }
    public string? CustomerName { get; init; }
}

/// <summary>What the lead panel edits; null leaves a field as it is.</summary>
public sealed record UpdateLeadRequest
{
    public string? Status { get; init; }
    public string? Type { get; init; }
    public string? Notes { get; init; }
}

public sealed record LeadCreated(Guid LeadId, Guid ConversationId, Guid? MessageId);
