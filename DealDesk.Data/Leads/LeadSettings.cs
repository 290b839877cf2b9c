using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Leads;

/// <summary>The dealership's WhatsApp number id and round-robin switch (columns of dealerships).</summary>
public static class LeadSettings
{
    /// <summary>The demo's documented Cloud API phone number ids (README, "Leads and WhatsApp").</summary>
    public static readonly IReadOnlyDictionary<string, string> DemoPhoneNumberIds = new Dictionary<string, string>
    {
        ["northside"] = "109000000000001",
        ["southside"] = "109000000000002",
    };

    internal static async Task SeedDemoAsync(DealDeskDbContext db, Guid dealershipId, string slug, CancellationToken ct)
    {
        if (!DemoPhoneNumberIds.TryGetValue(slug, out var id)) return;
        await db.Database.ExecuteSqlAsync($"UPDATE dealerships SET whatsapp_phone_number_id = {id} WHERE id = {dealershipId}", ct);
    }
}
