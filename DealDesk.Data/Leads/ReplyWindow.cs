namespace DealDesk.Data.Leads;

/// <summary>
/// WhatsApp's customer service window: free-form messages are allowed for 24 hours after the customer's last
/// message; after that only approved templates (which DealDesk does not send yet).
/// </summary>
public static class ReplyWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    public static bool IsOpen(DateTimeOffset? lastInboundAt, DateTimeOffset now) => lastInboundAt is { } last && now - last < Length;

    /// <summary>Why the reply box is disabled, or null when a reply may be sent.</summary>
    public static string? Blocked(bool optedOut, DateTimeOffset? lastInboundAt, DateTimeOffset now) =>
        optedOut ? "The customer opted out (wrote STOP). You can reply when they write again."
        : lastInboundAt is null ? "The customer has not written yet: WhatsApp needs an approved template message to start the conversation."
        : !IsOpen(lastInboundAt, now) ? "More than 24 hours since the customer's last message: WhatsApp needs an approved template message."
        : null;
}
