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
    public int Mileage { get; set; }
    public string? ExteriorColor { get; set; }
    public string? InteriorColor { get; set; }
    public string? BodyStyle { get; set; }
    public string Condition { get; set; } = VehicleCondition.Used;
    /// <summary>The day the vehicle arrived on the lot (dealership-local); days in stock count from it.</summary>
    public DateOnly ReceivedOn { get; set; }
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

/// <summary>New, used or certified pre-owned; text with a CHECK constraint like the status.</summary>
public static class VehicleCondition
{
    public const string New = "new";
    public const string Used = "used";
    public const string Certified = "certified";
    public static readonly string[] All = [New, Used, Certified];

    public static string LabelOf(string condition) => condition switch
    {
        New => "New",
        Certified => "Certified pre-owned",
        _ => "Used",
    };
}
