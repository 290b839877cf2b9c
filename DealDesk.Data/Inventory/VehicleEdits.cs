using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Transactions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealDesk.Data.Inventory;

/// <summary>The steps a vehicle write shares between the form/API (<see cref="VehicleService"/>) and the CSV import.</summary>
internal static class VehicleEdits
{
    private const string VinIndex = "IX_vehicles_dealership_id_vin";
    private const string StockIndex = "IX_vehicles_dealership_id_stock_number";

    /// <summary>Names the user in this transaction, so the history trigger records who changed a price or status.</summary>
    public static Task ActAsAsync(DealDeskDbContext db, Tenancy.Actor actor, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT set_config('app.user_id', {actor.UserId.ToString()}, true)", ct);

    /// <summary>Copies the editable fields; the status only when it is given (deals own it otherwise).</summary>
    public static void Apply(Vehicle vehicle, VehicleInput v)
    {
        vehicle.Vin = v.Vin!;
        vehicle.StockNumber = v.StockNumber!;
        vehicle.Year = v.Year!.Value;
        vehicle.Make = v.Make!;
        vehicle.Model = v.Model!;
        vehicle.Trim = v.Trim;
        vehicle.Price = v.Price!.Value;
        vehicle.Mileage = v.Mileage!.Value;
        vehicle.ExteriorColor = v.ExteriorColor;
        vehicle.InteriorColor = v.InteriorColor;
        vehicle.BodyStyle = v.BodyStyle;
        vehicle.Condition = v.Condition!;
        vehicle.Cost = v.Cost;
        if (v.ReceivedOn is { } received) vehicle.ReceivedOn = received;
        if (v.Status is { } status) vehicle.Status = status;
    }

    /// <summary>
    /// The fields an open deal was priced and described on, that this input would change: the VIN and what the car is,
    /// the price the quotes start from, and the status the deal sets.
    /// </summary>
    public static IReadOnlyList<string> DealOwned(Vehicle vehicle, VehicleInput v)
    {
        var fields = new List<string>();
        if (v.Vin != vehicle.Vin) fields.Add("vin");
        if (v.Year != vehicle.Year) fields.Add("year");
        if (v.Make != vehicle.Make) fields.Add("make");
        if (v.Model != vehicle.Model) fields.Add("model");
        if (v.Trim != vehicle.Trim) fields.Add("trim");
        if (v.Price != vehicle.Price) fields.Add("price");
        if (v.Status is not null && v.Status != vehicle.Status) fields.Add("status");
        return fields;
    }

    /// <summary>The camelCase names of the fields that differ.</summary>
    public static IReadOnlyList<string> Changed(VehicleInput before, VehicleInput after)
    {
        var changed = new List<string>();
        void Check<T>(string name, T a, T b) { if (!EqualityComparer<T>.Default.Equals(a, b)) changed.Add(name); }
        Check("vin", before.Vin, after.Vin);
        Check("stockNumber", before.StockNumber, after.StockNumber);
        Check("year", before.Year, after.Year);
        Check("make", before.Make, after.Make);
        Check("model", before.Model, after.Model);
        Check("trim", before.Trim, after.Trim);
        Check("price", before.Price, after.Price);
        Check("mileage", before.Mileage, after.Mileage);
        Check("exteriorColor", before.ExteriorColor, after.ExteriorColor);
        Check("interiorColor", before.InteriorColor, after.InteriorColor);
        Check("bodyStyle", before.BodyStyle, after.BodyStyle);
        Check("condition", before.Condition, after.Condition);
        Check("cost", before.Cost, after.Cost);
        Check("receivedOn", before.ReceivedOn, after.ReceivedOn);
        Check("status", before.Status, after.Status);
        return changed;
    }

    public static async Task<(Guid Id, string DealNumber)?> OpenDealAsync(DealDeskDbContext db, Vehicle vehicle, CancellationToken ct)
    {
        var deal = await db.Deals.AsNoTracking()
            .Where(d => d.DealershipId == vehicle.DealershipId && d.VehicleId == vehicle.Id && !DealState.Closed.Contains(d.State))
            .Select(d => new { d.Id, d.DealNumber }).FirstOrDefaultAsync(ct);
        return deal is null ? null : (deal.Id, deal.DealNumber);
    }

    /// <summary>The friendly check before writing; the unique indexes still decide a race (<see cref="SaveAsync"/>).</summary>
    public static async Task EnsureUniqueAsync(DealDeskDbContext db, Guid dealershipId, string vin, string stockNumber, Guid? exceptId, CancellationToken ct)
    {
        var clash = await db.Vehicles.AsNoTracking()
            .Where(x => x.DealershipId == dealershipId && x.Id != exceptId && (x.Vin == vin || x.StockNumber == stockNumber))
            .Select(x => new { x.Id, x.Vin }).FirstOrDefaultAsync(ct);
        if (clash is null) return;
        throw new DealDeskException(clash.Vin == vin ? InventoryErrors.VinDuplicate(vin, clash.Id) : InventoryErrors.StockNumberDuplicate(stockNumber, clash.Id));
    }

    /// <summary>Saves inside the unit of work, so that a unique-index violation becomes the typed 409 rather than a 500.</summary>
    public static async Task SaveAsync(DealDeskDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (TransientErrors.FindPostgres(ex) is { SqlState: PostgresErrorCodes.UniqueViolation } pg
                                           && pg.ConstraintName is VinIndex or StockIndex)
        {
            var entry = ex.Entries.Select(e => e.Entity).OfType<Vehicle>().FirstOrDefault();
            throw new DealDeskException(pg.ConstraintName == VinIndex
                ? InventoryErrors.VinDuplicate(entry?.Vin ?? "", null)
                : InventoryErrors.StockNumberDuplicate(entry?.StockNumber ?? "", null));
        }
    }
}
