using System.Text.Json;
using DealDesk.Data.Leads.WhatsApp;

namespace DealDesk.Web.WhatsApp;

/// <summary>
/// Reads the Cloud API webhook: object "whatsapp_business_account", entry[].changes[].value with metadata.phone_number_id,
/// contacts[] (profile.name, wa_id), messages[] (id, from, timestamp, type, text.body) and statuses[] (id, status,
/// timestamp, errors, biz_opaque_callback_data). Non-text messages are stored with a placeholder body.
/// </summary>
public static class WebhookPayload
{
    /// <summary>Null when the JSON is well-formed but not a WhatsApp payload we understand.</summary>
    public static WebhookBatch Parse(JsonElement root)
    {
        var messages = new List<InboundMessage>();
        var statuses = new List<StatusReport>();
        if (root.ValueKind != JsonValueKind.Object || Str(root, "object") != "whatsapp_business_account") return new([], []);
        foreach (var entry in Array(root, "entry"))
        foreach (var change in Array(entry, "changes"))
        {
            if (!change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object) continue;
            var phoneNumberId = value.TryGetProperty("metadata", out var metadata) ? Str(metadata, "phone_number_id") : null;
            if (phoneNumberId is null) continue;
            var names = Array(value, "contacts")
                .Select(c => (WaId: Str(c, "wa_id"), Name: c.TryGetProperty("profile", out var p) ? Str(p, "name") : null))
                .Where(c => c.WaId is not null).GroupBy(c => c.WaId!).ToDictionary(g => g.Key, g => g.First().Name);
            foreach (var m in Array(value, "messages"))
            {
                var (id, from) = (Str(m, "id"), Str(m, "from"));
                if (id is null || from is null) continue;
                var type = Str(m, "type") ?? "text";
                var body = type == "text" && m.TryGetProperty("text", out var text) ? Str(text, "body") ?? "" : $"[{type} message]";
                messages.Add(new InboundMessage(phoneNumberId, from, id, Time(m), body, names.GetValueOrDefault(from)));
            }
            foreach (var s in Array(value, "statuses"))
            {
                var (id, status) = (Str(s, "id"), Str(s, "status"));
                if (id is null || status is null) continue;
                var error = Array(s, "errors").Select(e => $"{Num(e, "code")} {Str(e, "title") ?? Str(e, "message")}".Trim()).FirstOrDefault();
                statuses.Add(new StatusReport(phoneNumberId, id, status, Time(s), error, Str(s, "biz_opaque_callback_data")));
            }
        }
        return new WebhookBatch(messages, statuses);
    }

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static string? Num(JsonElement e, string name) => Str(e, name);

    /// <summary>Unix seconds as the Cloud API sends them (a string); now when absent or unreadable.</summary>
    private static DateTimeOffset Time(JsonElement e) =>
        long.TryParse(Str(e, "timestamp"), out var seconds) && seconds > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.UtcNow;
}
