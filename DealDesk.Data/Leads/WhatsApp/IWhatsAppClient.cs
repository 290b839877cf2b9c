namespace DealDesk.Data.Leads.WhatsApp;

/// <summary>
/// A text message for the Cloud API. <see cref="IdempotencyRef"/> travels as biz_opaque_callback_data, so the status
/// webhooks name it; <see cref="IsRetry"/> says a previous attempt may have reached the API (a crash after the call).
/// </summary>
public sealed record OutboundMessage(Guid MessageId, string PhoneNumberId, string To, string Body, Guid IdempotencyRef, bool IsRetry);

/// <summary>Accepted (the provider's message id), or refused: transient (retry later) or permanent (the provider's error).</summary>
public sealed record SendResult(string? ProviderMessageId, string? Error, bool Transient)
{
    public bool Accepted => ProviderMessageId is not null;
    public static SendResult Sent(string providerMessageId) => new(providerMessageId, null, false);
    public static SendResult Failed(string error, bool transient) => new(null, error, transient);
}

/// <summary>Sends WhatsApp messages: the Cloud API (CloudApiWhatsAppClient) or, with no configuration, <see cref="LocalWhatsAppClient"/>.</summary>
public interface IWhatsAppClient
{
    Task<SendResult> SendAsync(OutboundMessage message, CancellationToken ct);
}

/// <summary>The embedded demo's client: no network, every message is "sent" with a local provider id.</summary>
public sealed class LocalWhatsAppClient : IWhatsAppClient
{
    public Task<SendResult> SendAsync(OutboundMessage message, CancellationToken ct) =>
        Task.FromResult(SendResult.Sent("local." + message.IdempotencyRef.ToString("N")));
}
