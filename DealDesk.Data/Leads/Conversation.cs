namespace DealDesk.Data.Leads;

/// <summary>A WhatsApp thread with one customer phone; at most one active per phone and dealership (a partial unique index).</summary>
public sealed class Conversation
{
    public Guid Id { get; set; }
    public Guid DealershipId { get; set; }
    public Guid LeadId { get; set; }
    public string Channel { get; set; } = "whatsapp";
    public required string CustomerPhone { get; set; }
    public string Status { get; set; } = "active";
    /// <summary>Free-form replies are allowed for 24 hours after this (WhatsApp's customer service window).</summary>
    public DateTimeOffset? LastInboundAt { get; set; }
    public DateTimeOffset LastMessageAt { get; set; }
    /// <summary>Inbound messages since someone last opened the conversation.</summary>
    public int UnreadCount { get; set; }
    /// <summary>The customer wrote STOP (or UNSUBSCRIBE, CANCEL, END, QUIT) and has not written since.</summary>
    public bool OptedOut { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
