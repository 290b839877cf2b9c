using DealDesk.Data.Errors;

namespace DealDesk.Data.Inventory;

/// <summary>The inventory's typed errors; each names the fields it is about under <c>details.fields</c>.</summary>
public static class InventoryErrors
{
    public static AppError ManagersOnly() =>
        new(ErrorCodes.Forbidden, 403, "Only a manager can add or change vehicles.");

    public static AppError VinDuplicate(string vin, Guid? existingId) =>
        AppError.Conflict(ErrorCodes.VinDuplicate, $"A vehicle with VIN {vin} is already in your inventory.", new Dictionary<string, object?>
        {
            ["vin"] = vin,
            ["existingVehicleId"] = existingId,
            ["fields"] = Fields("vin", "This VIN is already in your inventory."),
        });

    public static AppError StockNumberDuplicate(string stockNumber, Guid? existingId) =>
        AppError.Conflict(ErrorCodes.StockNumberDuplicate, $"Stock number {stockNumber} is already used by another vehicle.", new Dictionary<string, object?>
        {
            ["stockNumber"] = stockNumber,
            ["existingVehicleId"] = existingId,
            ["fields"] = Fields("stockNumber", "This stock number is already used."),
        });

    /// <summary>The deal owns the vehicle's price, identity and status while it is open: changing them would change the deal.</summary>
    public static AppError OnOpenDeal(Guid dealId, string dealNumber, IReadOnlyList<string> fields) =>
        AppError.Conflict(ErrorCodes.VehicleOnOpenDeal,
            $"Deal {dealNumber} is open on this vehicle: its {string.Join(", ", fields.Select(Label))} can't change until the deal is closed.",
            new Dictionary<string, object?>
            {
                ["dealId"] = dealId,
                ["dealNumber"] = dealNumber,
                ["fields"] = fields.ToDictionary(f => f, f => new[] { $"Set by deal {dealNumber} while it is open." }),
            });

    public static Dictionary<string, string[]> Fields(string field, string message) => new() { [field] = [message] };

    private static string Label(string field) => field switch
    {
        "vin" => "VIN",
        "stockNumber" => "stock number",
        _ => field,
    };
}
