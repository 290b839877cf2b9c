using DealDesk.Data.Audit;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Inventory;

/// <summary>
/// Managers add and edit vehicles. Uniqueness of VIN and stock number per dealership is the database's (unique
/// indexes): the check before the insert gives the friendly error, the index settles two managers saving at once.
/// A vehicle on an open deal keeps what the deal was priced on (see <see cref="VehicleEdits.DealOwned"/>).
/// </summary>
public sealed class VehicleService(TransactionRunner runner, ITenantContext tenant, IValidator<VehicleInput> validator, TimeProvider time)
    : IVehicleEditor
{
    public Task<VehicleRecord> CreateAsync(VehicleInput input, CancellationToken ct = default)
    {
        var actor = RequireManager();
        var v = Validate(input, storedVin: null);
        return runner.RunAsync("vehicles.create", async (db, token) =>
        {
            await VehicleEdits.ActAsAsync(db, actor, token);
            var today = await InventoryService.TodayAsync(db, actor.DealershipId, time, token);
            await VehicleEdits.EnsureUniqueAsync(db, actor.DealershipId, v.Vin!, v.StockNumber!, exceptId: null, token);
            var vehicle = new Vehicle
            {
                Id = Guid.NewGuid(), DealershipId = actor.DealershipId, Vin = v.Vin!, StockNumber = v.StockNumber!, Make = v.Make!,
                Model = v.Model!, ReceivedOn = v.ReceivedOn ?? today, Status = VehicleStatus.Available,
            };
            VehicleEdits.Apply(vehicle, v);
            db.Vehicles.Add(vehicle);
            AuditTrail.Record(db, actor, "vehicle.created", "vehicle", vehicle.Id,
                new { vehicle.Vin, vehicle.StockNumber, vehicle.Price }, time.GetUtcNow(), summary: $"Added the {vehicle.Title} ({vehicle.StockNumber})");
            await VehicleEdits.SaveAsync(db, token);
            return VehicleRecord.From(vehicle, showCost: true, today);
        }, ct);
    }

    public Task<VehicleRecord> UpdateAsync(Guid id, VehicleInput input, CancellationToken ct = default)
    {
        var actor = RequireManager();
        return runner.RunAsync("vehicles.update", async (db, token) =>
        {
            await VehicleEdits.ActAsAsync(db, actor, token);
            // Locked as deals lock it: a deal reserving the car waits for this edit, or this edit sees the deal.
            var vehicle = await DealParts.LockVehicleAsync(db, actor.DealershipId, id, token)
                ?? throw await Ownership.MissingAsync(db, "vehicles", "Vehicle", id, token);
            var v = Validate(input, vehicle.Vin);
            if (v.Status == VehicleStatus.Pending && vehicle.Status != VehicleStatus.Pending)
                throw new DealDeskException(AppError.Validation(InventoryErrors.Fields("status", "A vehicle becomes pending when a deal is started on it.")));
            var dealOwned = VehicleEdits.DealOwned(vehicle, v);
            if (dealOwned.Count > 0 && await VehicleEdits.OpenDealAsync(db, vehicle, token) is { } deal)
                throw new DealDeskException(InventoryErrors.OnOpenDeal(deal.Id, deal.DealNumber, dealOwned));
            await VehicleEdits.EnsureUniqueAsync(db, actor.DealershipId, v.Vin!, v.StockNumber!, exceptId: vehicle.Id, token);

            var before = VehicleInput.From(vehicle);
            VehicleEdits.Apply(vehicle, v);
            var changed = VehicleEdits.Changed(before, VehicleInput.From(vehicle));
            if (changed.Count > 0)
            {
                var now = time.GetUtcNow();
                if (before.Price != vehicle.Price)
                    AuditTrail.Record(db, actor, "vehicle.price_changed", "vehicle", vehicle.Id, new { from = before.Price, to = vehicle.Price }, now,
                        summary: $"Changed the price of {vehicle.StockNumber} from {before.Price:C} to {vehicle.Price:C}");
                AuditTrail.Record(db, actor, "vehicle.updated", "vehicle", vehicle.Id, new { fields = changed }, now,
                    summary: $"Edited {vehicle.StockNumber}: {string.Join(", ", changed)}");
                if (before.Status != vehicle.Status)
                    await ChangePublisher.PublishAsync(db, new Change(actor.DealershipId, ChangeKinds.VehicleStatus, vehicle.Id,
                        new Dictionary<string, string?> { [ChangeKeys.Status] = vehicle.Status }, actor.UserId), token);
            }
            await VehicleEdits.SaveAsync(db, token);
            return VehicleRecord.From(vehicle, showCost: true, await InventoryService.TodayAsync(db, actor.DealershipId, time, token));
        }, ct);
    }

    private Actor RequireManager()
    {
        var actor = Actor.From(tenant);
        return actor.IsManager ? actor : throw new DealDeskException(InventoryErrors.ManagersOnly());
    }

    /// <summary>
    /// Normalized input, or VALIDATION_FAILED. A VIN stored before check digits were enforced (<paramref name="storedVin"/>)
    /// may stay as it is: the car's other fields remain editable.
    /// </summary>
    private VehicleInput Validate(VehicleInput input, string? storedVin)
    {
        var v = input.Normalized();
        var result = validator.Validate(v);
        var failures = result.Errors.Where(e => !(e.PropertyName == nameof(VehicleInput.Vin) && storedVin is not null && v.Vin == storedVin)).ToList();
        if (failures.Count > 0)
            throw new DealDeskException(AppError.Validation(failures.GroupBy(e => Errors.Validation.CamelPath(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())));
        return v;
    }
}
