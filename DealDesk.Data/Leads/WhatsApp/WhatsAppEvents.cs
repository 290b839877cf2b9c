namespace DealDesk.Data.Leads.WhatsApp;

/// <summary>A customer's message as the webhook carries it (messages[] with the contact's profile name).</summary>
public sealed record InboundMessage(string PhoneNumberId, string From, string ProviderMessageId, DateTimeOffset Timestamp, string Body, string? ProfileName);

/// <summary>A delivery report (statuses[]); <see cref="CallbackData"/> is the biz_opaque_callback_data we sent: our idempotency reference.</summary>
public sealed record StatusReport(string PhoneNumberId, string ProviderMessageId, string Status, DateTimeOffset Timestamp, string? Error, string? CallbackData);

/// <summary>One webhook POST, parsed.</summary>
public sealed record WebhookBatch(IReadOnlyList<InboundMessage> Messages, IReadOnlyList<StatusReport> Statuses);

/// <summary>What one webhook did: written counts (redeliveries and unknown numbers count as ignored).</summary>
public sealed record WebhookOutcome(int MessagesStored, int StatusesApplied, int Ignored);
