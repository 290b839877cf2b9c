namespace DealDesk.Data.Inventory;

/// <summary>
/// The orders the inventory can be listed in. Every order ends on the stock number (unique per dealership),
/// so a page boundary never falls between equal prices or years and shows a vehicle twice or never.
/// </summary>
public enum VehicleSort
{
    /// <summary>Make, then model: how a salesperson walks the lot.</summary>
    Default,
    Price,
    Year,
    StockNumber,
    /// <summary>By the day received: ascending means freshest first (fewest days in stock).</summary>
    DaysInStock,
}
