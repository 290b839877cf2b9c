using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Data.Inventory;

public static class InventoryServiceCollectionExtensions
{
    /// <summary>Vehicle records: the page and API reads, the manager's edits, the CSV import.</summary>
    public static IServiceCollection AddVehicleRecords(this IServiceCollection services) => services
        .AddScoped<VehicleQueries>()
        .AddScoped<VehicleService>()
        .AddScoped<IVehicleEditor>(sp => sp.GetRequiredService<VehicleService>())
        .AddScoped<VehicleImport>();
}
