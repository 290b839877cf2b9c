namespace DealDesk.Data.Inventory;

/// <summary>A manager's vehicle writes as the form uses them (implemented by <see cref="VehicleService"/>).</summary>
public interface IVehicleEditor
{
    Task<VehicleRecord> CreateAsync(VehicleInput input, CancellationToken ct = default);
    Task<VehicleRecord> UpdateAsync(Guid id, VehicleInput input, CancellationToken ct = default);
}
