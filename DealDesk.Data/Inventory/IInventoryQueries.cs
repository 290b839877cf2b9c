namespace DealDesk.Data.Inventory;

/// <summary>The inventory reads the pages need; <see cref="InventoryService"/> implements it, component tests fake it.</summary>
public interface IInventoryQueries
{
    /// <summary>One page of the dealership's vehicles matching <paramref name="search"/>; the page is clamped to the last one.</summary>
    Task<Paged<Vehicle>> SearchAsync(VehicleSearch search, CancellationToken ct = default);
}
