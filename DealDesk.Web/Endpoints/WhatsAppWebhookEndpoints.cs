using System.Text.Json;
using DealDesk.Data.Errors;
using DealDesk.Data.Leads.WhatsApp;
using DealDesk.Web.Errors;
using DealDesk.Web.WhatsApp;
using Microsoft.AspNetCore.Authorization;

namespace DealDesk.Web.Endpoints;

/// <summary>
/// The Cloud API's webhook. Anonymous by nature (Meta calls it), so it trusts nothing until the X-Hub-Signature-256
/// HMAC of the raw body checks out; the payload's phone_number_id then names the tenant.
/// </summary>
internal static class WhatsAppWebhookEndpoints
{
    public const string Path = "/api/webhooks/whatsapp";
    const int MaxBody = 1 << 20;

    public static void MapWhatsAppWebhook(this IEndpointRouteBuilder routes)
    {
        // The verification handshake: hub.challenge echoed as plain text when the verify token matches.
        routes.MapGet(Path, [AllowAnonymous] (HttpRequest request, WhatsAppOptions options) =>
        {
            var q = request.Query;
            return q["hub.mode"] == "subscribe" && !string.IsNullOrEmpty(options.VerifyToken) && q["hub.verify_token"] == options.VerifyToken
                ? Results.Text(q["hub.challenge"].ToString(), "text/plain")
                : Results.StatusCode(StatusCodes.Status403Forbidden);
        });

        routes.MapPost(Path, [AllowAnonymous] async (HttpContext http, WhatsAppOptions options, WhatsAppInbox inbox,
            ILogger<WhatsAppInbox> logger, CancellationToken ct) =>
        {
            var body = await ReadRawAsync(http.Request, ct);
            if (body is null) return Error(http, new AppError(ErrorCodes.PayloadTooLarge, 413, "The webhook body is too large."));
            if (!WebhookSignature.IsValid(body, http.Request.Headers[WebhookSignature.Header], options.AppSecret))
            {
                logger.LogWarning("WhatsApp webhook refused: missing or wrong {Header}", WebhookSignature.Header);
                return Error(http, new AppError(ErrorCodes.AuthenticationFailed, 401, "The webhook signature is missing or wrong."));
            }
            WebhookBatch batch;
            try
            {
                using var doc = JsonDocument.Parse(body);
                batch = WebhookPayload.Parse(doc.RootElement);
            }
            catch (JsonException)
            {
                return Error(http, new AppError(ErrorCodes.ValidationFailed, 400, "The webhook body is not valid JSON."));
            }
            var outcome = await inbox.ApplyAsync(batch, ct);
            return Results.Ok(new { success = true, stored = outcome.MessagesStored, statuses = outcome.StatusesApplied, ignored = outcome.Ignored });
        }).AddEndpointFilter<ApiErrorFilter>();
    }

    /// <summary>The exact bytes Meta signed; null when over the limit.</summary>
    static async Task<byte[]?> ReadRawAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBody) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    static IResult Error(HttpContext http, AppError error) => error.ToResult(http);
}
