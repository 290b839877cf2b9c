using DealDesk.Data.Inventory;
using DealDesk.Data.QuickQuotes;

namespace DealDesk.Web.Components.Pages.Quotes.Components;

/// <summary>A vehicle as the quote's picker shows it: enough to name it and to price the quote.</summary>
public sealed record VehicleChoice(Guid Id, string StockNumber, string Title, decimal Price)
{
    public static VehicleChoice From(Vehicle v) => new(v.Id, v.StockNumber, v.Title, v.Price);

    /// <summary>The vehicle a saved quote was for, or null for a quote on a price alone.</summary>
    public static VehicleChoice? From(QuickQuoteSummary q) =>
        q.VehicleId is { } id ? new(id, q.StockNumber ?? "", q.VehicleTitle ?? "Vehicle", q.VehiclePrice ?? q.Price) : null;

    public override string ToString() => $"{StockNumber} · {Title}";
}
