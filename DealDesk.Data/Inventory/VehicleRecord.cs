using System.Text.Json.Serialization;

namespace DealDesk.Data.Inventory;

/// <summary>
/// A vehicle as the API and the vehicle page show it. <see cref="Cost"/> is only filled for managers; for everyone else
/// it is null and left out of the JSON, so a salesperson's client never receives it.
/// </summary>
public sealed record VehicleRecord(
    Guid Id, Guid DealershipId, string Vin, string StockNumber, int Year, string Make, string Model, string? Trim, decimal Price, string Status,
    int Mileage, string? ExteriorColor, string? InteriorColor, string? BodyStyle, string Condition,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Cost,
    DateOnly ReceivedOn, int DaysInStock, DateTimeOffset CreatedAt)
{
    public string Title => $"{Year} {Make} {Model}{(Trim is null ? "" : " " + Trim)}";

    /// <param name="today">The dealership's date today: days in stock count calendar days on its lot.</param>
    public static VehicleRecord From(Vehicle v, bool showCost, DateOnly today) => new(
        v.Id, v.DealershipId, v.Vin, v.StockNumber, v.Year, v.Make, v.Model, v.Trim, v.Price, v.Status, v.Mileage, v.ExteriorColor,
        v.InteriorColor, v.BodyStyle, v.Condition, showCost ? v.Cost : null, v.ReceivedOn, DaysBetween(v.ReceivedOn, today), v.CreatedAt);

    public static int DaysBetween(DateOnly receivedOn, DateOnly today) => Math.Max(0, today.DayNumber - receivedOn.DayNumber);
}
