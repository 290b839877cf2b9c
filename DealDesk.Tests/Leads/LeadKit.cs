using System.Text;
using System.Text.Json;
using DealDesk.Data.Leads.WhatsApp;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Leads;

/// <summary>Webhook payloads as the Cloud API sends them, new phone numbers, and counts read as superuser.</summary>
public static class LeadKit
{
    public const string Secret = "test-app-secret";
    public const string NorthNumberId = "109000000000001";
    public const string SouthNumberId = "109000000000002";

    static int _phones = Random.Shared.Next(1000, 5000);

    /// <summary>A fresh US number in WhatsApp's wa_id form (digits, no plus) and its E.164.</summary>
    public static (string WaId, string E164) NewPhone()
    {
        var n = Interlocked.Increment(ref _phones);
        var digits = $"1312555{n % 10000:0000}";
        return (digits, "+" + digits);
    }

    public static string MessagePayload(string phoneNumberId, string waId, string messageId, string body, string? name = "Pat Customer",
        DateTimeOffset? at = null) =>
        JsonSerializer.Serialize(new
        {
            @object = "whatsapp_business_account",
            entry = new[]
            {
                new
                {
                    id = "WABA1",
                    changes = new[]
                    {
                        new
                        {
                            field = "messages",
                            value = new
                            {
                                messaging_product = "whatsapp",
                                metadata = new { display_phone_number = "15550001111", phone_number_id = phoneNumberId },
                                contacts = new[] { new { profile = new { name }, wa_id = waId } },
                                messages = new[]
                                {
                                    new
                                    {
                                        from = waId, id = messageId, timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(),
                                        type = "text", text = new { body },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        });

    public static string StatusPayload(string phoneNumberId, string providerId, string status, string? callback = null) =>
        JsonSerializer.Serialize(new
        {
            @object = "whatsapp_business_account",
            entry = new[]
            {
                new
                {
                    id = "WABA1",
                    changes = new[]
                    {
                        new
                        {
                            field = "messages",
                            value = new
                            {
                                messaging_product = "whatsapp",
                                metadata = new { display_phone_number = "15550001111", phone_number_id = phoneNumberId },
                                statuses = new[]
                                {
                                    new
                                    {
                                        id = providerId, status, timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(),
                                        recipient_id = "13125550000", biz_opaque_callback_data = callback,
                                    },
                                },
                            },
                        },
                    },
                },
            },
        });

    public static InboundMessage Inbound(string phoneNumberId, string waId, string messageId, string body, DateTimeOffset at, string? name = "Pat Customer") =>
        new(phoneNumberId, waId, messageId, at, body, name);

    public static WebhookBatch Batch(params InboundMessage[] messages) => new(messages, []);

    public static Task<long> CountAsync(TestDatabase db, string sql, params object[] args) => db.ScalarAsync<long>(sql, args);

    /// <summary>Every lead has exactly one conversation and every conversation a lead; at most one active conversation per phone.</summary>
    public static async Task AssertInvariantsAsync(TestDatabase db)
    {
        Assert.Equal(0, await CountAsync(db, "SELECT count(*) FROM leads l WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.lead_id = l.id)"));
        Assert.Equal(0, await CountAsync(db, "SELECT count(*) FROM (SELECT lead_id FROM conversations GROUP BY lead_id HAVING count(*) > 1) x"));
        Assert.Equal(0, await CountAsync(db,
            "SELECT count(*) FROM (SELECT 1 FROM conversations WHERE status = 'active' GROUP BY dealership_id, customer_phone HAVING count(*) > 1) x"));
        Assert.Equal(0, await CountAsync(db, "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.dealership_id <> m.dealership_id"));
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
