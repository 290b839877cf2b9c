using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DealDesk.Data.Leads.WhatsApp;

namespace DealDesk.Web.WhatsApp;

/// <summary>
/// The Cloud API's messages endpoint: POST {ApiBaseUrl}/{phone-number-id}/messages with the bearer token. Transient
/// failures (5xx, 429, timeouts) are retried with backoff by the standard resilience handler on this HttpClient
/// (WhatsAppSetup); what still fails after that is transient for the outbox (queued again), a 4xx is permanent.
/// Our idempotency reference goes out as biz_opaque_callback_data, so status webhooks name it.
/// </summary>
public sealed class CloudApiWhatsAppClient(HttpClient http, WhatsAppOptions options) : IWhatsAppClient
{
    public const string ClientName = "whatsapp-cloud-api";

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{options.ApiBaseUrl!.TrimEnd('/')}/{message.PhoneNumberId}/messages")
        {
            Content = JsonContent.Create(new
            {
                messaging_product = "whatsapp",
                recipient_type = "individual",
                to = message.To.TrimStart('+'),
                type = "text",
                text = new { preview_url = false, body = message.Body },
                biz_opaque_callback_data = message.IdempotencyRef.ToString(),
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
        {
            var id = ReadMessageId(body);
            return id is null ? SendResult.Failed("The Cloud API accepted the message but returned no id.", transient: false) : SendResult.Sent(id);
        }
        var transient = (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
        return SendResult.Failed($"HTTP {(int)response.StatusCode}: {ReadError(body)}", transient);
    }

    private static string? ReadMessageId(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Array && m.GetArrayLength() > 0
                ? m[0].GetProperty("id").GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }

    private static string ReadError(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("error", out var e) && e.TryGetProperty("message", out var m) ? m.GetString() ?? "" : body;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
