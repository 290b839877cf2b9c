using DealDesk.Data.Audit;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Inventory;

/// <summary>
/// Imports an inventory CSV all or nothing. Every row is checked first (the field rules, duplicates inside the file,
/// stock numbers of other cars, open deals), and any problem fails the import naming each row; otherwise one
/// transaction inserts the new VINs and updates the known ones. A row equal to the stored vehicle is left alone, so
/// importing the same file again changes nothing and says so (<see cref="VehicleImportResult.Unchanged"/>).
/// </summary>
public sealed class VehicleImport(TransactionRunner runner, ITenantContext tenant, IValidator<VehicleInput> validator, TimeProvider time)
{
    /// <summary>About 10,000 rows; larger files are a 413 before anything is read.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 10_000;
    /// <summary>The error lists this many rows at most; the message says how many there were.</summary>
    private const int ListedRows = 100;

    public Task<VehicleImportResult> ImportAsync(byte[] csv, CancellationToken ct = default)
    {
        var actor = Actor.From(tenant);
        if (!actor.IsManager) throw new DealDeskException(InventoryErrors.ManagersOnly());
        if (csv.Length > MaxBytes) throw new DealDeskException(TooLarge());
        var rows = VehicleCsv.Read(csv);
        if (rows.Count == 0)
            throw new DealDeskException(AppError.Validation(InventoryErrors.Fields("file", "The file has a header line but no vehicles."), "The file has no vehicles; nothing was imported."));
        if (rows.Count > MaxRows) throw new DealDeskException(TooLarge());
        var inputs = CheckRows(rows);

        return runner.RunAsync("vehicles.import", async (db, token) =>
        {
            await VehicleEdits.ActAsAsync(db, actor, token);
            var today = await InventoryService.TodayAsync(db, actor.DealershipId, time, token);
            var vins = inputs.Select(r => r.Input.Vin!).ToArray();
            // Locked in one statement, in VIN order (no deadlock between two imports); the rest of the lot is read for stock numbers.
            var existing = (await db.Vehicles.FromSql($"SELECT * FROM vehicles WHERE dealership_id = {actor.DealershipId} AND vin = ANY({vins}) ORDER BY vin FOR UPDATE")
                .ToListAsync(token)).ToDictionary(v => v.Vin);
            var stockOwners = await db.Vehicles.AsNoTracking().Where(v => v.DealershipId == actor.DealershipId)
                .Select(v => new { v.StockNumber, v.Vin }).ToDictionaryAsync(v => v.StockNumber, v => v.Vin, token);
            var openDeals = await db.Deals.AsNoTracking()
                .Where(d => d.DealershipId == actor.DealershipId && d.VehicleId != null && !DealState.Closed.Contains(d.State))
                .Select(d => new { VehicleId = d.VehicleId!.Value, d.DealNumber }).ToDictionaryAsync(d => d.VehicleId, d => d.DealNumber, token);

            var errors = new List<VehicleImportRowError>();
            int inserted = 0, updated = 0, unchanged = 0;
            foreach (var (line, v) in inputs)
            {
                if (stockOwners.TryGetValue(v.StockNumber!, out var owner) && owner != v.Vin)
                {
                    errors.Add(new(line, v.Vin, InventoryErrors.Fields("stockNumber", $"Stock number {v.StockNumber} belongs to VIN {owner}.")));
                    continue;
                }
                if (!existing.TryGetValue(v.Vin!, out var vehicle))
                {
                    vehicle = new Vehicle
                    {
                        Id = Guid.NewGuid(), DealershipId = actor.DealershipId, Vin = v.Vin!, StockNumber = v.StockNumber!, Make = v.Make!,
                        Model = v.Model!, ReceivedOn = v.ReceivedOn ?? today, Status = VehicleStatus.Available,
                    };
                    VehicleEdits.Apply(vehicle, v);
                    db.Vehicles.Add(vehicle);
                    inserted++;
                    continue;
                }
                var before = VehicleInput.From(vehicle);
                if (VehicleEdits.DealOwned(vehicle, v) is { Count: > 0 } owned && openDeals.TryGetValue(vehicle.Id, out var dealNumber))
                {
                    errors.Add(new(line, v.Vin, owned.ToDictionary(f => f, _ => new[] { $"Set by deal {dealNumber} while it is open." })));
                    continue;
                }
                VehicleEdits.Apply(vehicle, v);
                if (VehicleEdits.Changed(before, VehicleInput.From(vehicle)).Count == 0) unchanged++;
                else updated++;
            }
            if (errors.Count > 0) throw new DealDeskException(RowsInvalid(errors));
            if (inserted + updated > 0)
                AuditTrail.Record(db, actor, "vehicle.imported", "dealership", actor.DealershipId,
                    new { inserted, updated, unchanged }, time.GetUtcNow(), summary: $"Imported inventory: {inserted} added, {updated} updated, {unchanged} unchanged");
            await VehicleEdits.SaveAsync(db, token);
            return new VehicleImportResult(inserted, updated, unchanged);
        }, ct);
    }

    /// <summary>The rules of each row, and duplicates inside the file; any problem fails the import before the database is asked.</summary>
    private List<(int Line, VehicleInput Input)> CheckRows(IReadOnlyList<VehicleCsv.Row> rows)
    {
        var errors = new List<VehicleImportRowError>();
        var inputs = new List<(int, VehicleInput)>();
        var firstVin = new Dictionary<string, int>();
        var firstStock = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            var v = row.Input.Normalized();
            v.Status = null; // deals own the status; an import never sets it
            var fields = new Dictionary<string, string[]>(row.ParseErrors);
            foreach (var failure in validator.Validate(v).Errors)
            {
                var name = Errors.Validation.CamelPath(failure.PropertyName);
                if (!fields.ContainsKey(name)) fields[name] = [failure.ErrorMessage];
            }
            if (!string.IsNullOrEmpty(v.Vin) && !firstVin.TryAdd(v.Vin, row.Line))
                fields.TryAdd("vin", [$"VIN {v.Vin} is also on row {firstVin[v.Vin]}."]);
            if (!string.IsNullOrEmpty(v.StockNumber) && !firstStock.TryAdd(v.StockNumber, row.Line))
                fields.TryAdd("stockNumber", [$"Stock number {v.StockNumber} is also on row {firstStock[v.StockNumber]}."]);
            if (fields.Count > 0) errors.Add(new(row.Line, v.Vin, fields));
            else inputs.Add((row.Line, v));
        }
        if (errors.Count > 0) throw new DealDeskException(RowsInvalid(errors));
        return inputs;
    }

    private static AppError RowsInvalid(List<VehicleImportRowError> errors)
    {
        var first = errors[0];
        var message = errors.Count == 1
            ? $"Row {first.Row} needs fixing ({string.Join(", ", first.Fields.Keys)}); nothing was imported."
            : $"{errors.Count} rows need fixing, starting with row {first.Row}; nothing was imported.";
        return AppError.Validation(new Dictionary<string, string[]>(), message) with
        {
            Details = new Dictionary<string, object?>
            {
                ["rows"] = errors.Take(ListedRows).ToList(),
                ["rowCount"] = errors.Count,
                ["fields"] = new Dictionary<string, string[]> { ["file"] = [message] },
            },
        };
    }

    public static AppError TooLarge() =>
        new(ErrorCodes.PayloadTooLarge, 413, $"The file is too large: import at most {MaxRows:N0} vehicles ({MaxBytes / 1024 / 1024} MB) at a time.",
            Details: new Dictionary<string, object?> { ["maxBytes"] = MaxBytes, ["maxRows"] = MaxRows });
}
