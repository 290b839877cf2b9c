using System.Text.Json;
using DealDesk.Data.Deals;

namespace DealDesk.Web.Components.Pages.Deals.Components;

/// <summary>An audit entry as a sentence after the person's name ("swapped the vehicle"), and what it links to.</summary>
public sealed record AuditLine(string Text, Guid? QuickQuoteId = null)
{
    public static AuditLine Of(AuditView entry)
    {
        using var details = Parse(entry.Metadata);
        var root = details.RootElement;
        var text = entry.Action switch
        {
            "deal.created" => Flag(root, "newCustomer") ? "created the deal with a new customer" : "created the deal",
            "deal.vehicle_attached" => "attached a vehicle",
            "deal.vehicle_swapped" => "swapped the vehicle",
            "deal.customer_changed" => Flag(root, "newCustomer") ? "moved the deal to a new customer" : "changed the customer",
            "deal.cancelled" => "cancelled the deal",
            "deal.delivered" => "marked the deal delivered",
            _ => entry.Action.Replace('.', ' ').Replace('_', ' '),
        };
        return new AuditLine(text, Id(root, "quickQuoteId"));
    }

    /// <summary>The entry's jsonb details; an unreadable one reads as empty.</summary>
    private static JsonDocument Parse(string metadata)
    {
        try
        {
            return JsonDocument.Parse(metadata);
        }
        catch (JsonException)
        {
            return JsonDocument.Parse("{}");
        }
    }

    private static bool Flag(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static Guid? Id(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && Guid.TryParse(value.GetString(), out var id) ? id : null;
}
