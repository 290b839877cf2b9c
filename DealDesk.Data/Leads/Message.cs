namespace DealDesk.Data.Leads;

/// <summary>
/// One WhatsApp message. Outbound messages in status queued are the outbox: written in the same transaction as
/// what caused them, delivered by the background sender.
/// </summary>
public sealed class Message
{
    public Guid Id { get; set; }
    public Guid DealershipId { get; set; }
    public Guid ConversationId { get; set; }
    public required string Direction { get; set; }
    public required string Body { get; set; }
    /// <summary>The Cloud API's wamid; unique per dealership, so a redelivered webhook changes nothing.</summary>
    public string? ProviderMessageId { get; set; }
    public required string Status { get; set; }
    /// <summary>Outbound only: sent to the Cloud API as biz_opaque_callback_data, so a retry after a crash can be recognised.</summary>
    public Guid? IdempotencyRef { get; set; }
    public string? Error { get; set; }
    public int Attempts { get; set; }
    public Guid? SentBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset StatusAt { get; set; }
}
