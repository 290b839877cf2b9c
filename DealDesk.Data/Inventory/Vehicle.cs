namespace DealDesk.Data.Inventory;

public sealed class Vehicle
{
    public Guid Id { get; set; }
    public Guid DealershipId { get; set; }
    public required string Vin { get; set; }
    public required string StockNumber { get; set; }
    public int Year { get; set; }
    public required string Make { get; set; }
    public required string Model { get; set; }
    public string? Trim { get; set; }
    public decimal Price { get; set; }
    /// <summary>What the dealership paid (front gross = selling price − cost); null when not entered.</summary>
    public decimal? Cost { get; set; }
    public string Status { get; set; } = VehicleStatus.Available;
    public DateTimeOffset CreatedAt { get; set; }

    public string Title => $"{Year} {Make} {Model}{(Trim is null ? "" : " " + Trim)}";
}

/// <summary>Stored as text with a CHECK constraint; readable in SQL and in the JSON API alike.</summary>
public static class VehicleStatus
{
    public const string Available = "available";
    public const string Pending = "pending";
    public const string Sold = "sold";
    public static readonly string[] All = [Available, Pending, Sold];
}
