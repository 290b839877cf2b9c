namespace DealDesk.Data.Inventory;

/// <summary>Inventory reads as the UI sees them (implemented by <see cref="InventoryService"/>).</summary>
public interface IInventoryQueries
{
    Task<Paged<Vehicle>> SearchAsync(VehicleSearch search, CancellationToken ct = default);
    Task<Vehicle?> FindAsync(Guid id, CancellationToken ct = default);
}
