namespace DealDesk.Data.Inventory;

/// <summary>Inventory reads as the UI sees them (implemented by <see cref="InventoryService"/>).</summary>
public interface IInventoryQueries
{
    Task<Paged<Vehicle>> SearchAsync(VehicleSearch search, CancellationToken ct = default);
    Task<Vehicle?> FindAsync(Guid id, CancellationToken ct = default);

    /// <summary>The makes on the lot, for the make filter (a stand-in without a database has none).</summary>
    Task<IReadOnlyList<string>> MakesAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>The dealership's date today, which days in stock count to (a stand-in uses UTC's).</summary>
    Task<DateOnly> TodayAsync(CancellationToken ct = default) => Task.FromResult(DateOnly.FromDateTime(DateTime.UtcNow));
}
