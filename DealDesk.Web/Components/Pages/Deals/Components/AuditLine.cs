using DealDesk.Data.Deals;

namespace DealDesk.Web.Components.Pages.Deals.Components;

/// <summary>An audit entry as the history shows it: what happened in words, and the quick quote it links to.</summary>
public sealed record AuditLine(string Text, Guid? QuickQuoteId = null)
{
    /// <param name="convertedFromQuickQuoteId">The deal's quick quote: its creation entry links there.</param>
    public static AuditLine Of(AuditView entry, Guid? convertedFromQuickQuoteId = null) =>
        new(entry.Summary ?? Fallback(entry.Action), entry.Action == "deal.created" ? convertedFromQuickQuoteId : null);

    /// <summary>Entries written before the service stored a sentence for each.</summary>
    private static string Fallback(string action) => action switch
    {
        "deal.created" => "Created the deal",
        "deal.vehicle_attached" => "Attached a vehicle",
        "deal.vehicle_swapped" => "Swapped the vehicle",
        "deal.customer_changed" => "Changed the customer",
        "deal.cancelled" => "Cancelled the deal",
        "deal.delivered" => "Marked the deal delivered",
        _ => action.Replace('.', ' ').Replace('_', ' '),
    };
}
