using DealDesk.Data.Customers;
using DealDesk.Data.Audit;
using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Data.Quotes;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Deals;

/// <summary>
/// The atomic changes to an existing deal: attach or swap its vehicle, change its customer,
/// cancel, deliver. Each is one unit serialized per dealership (<see cref="DealLocks"/>), with its audit entry.
/// </summary>
public sealed class DealActions(TransactionRunner runner, ITenantContext tenant, IValidator<ChangeCustomerRequest> customerValidator,
    ICurrentDealership dealership, TimeProvider time)
    : IDealActions
{
    public Task<DealResult> AttachVehicleAsync(Guid dealId, AttachVehicleRequest request, CancellationToken ct = default)
    {
        if (request.VehicleId is null || !Guid.TryParse(request.VehicleId, out var vehicleId))
            throw new DealDeskException(AppError.Validation(new Dictionary<string, string[]> { ["vehicleId"] = ["Choose a vehicle."] }));
        return RunAsync("deals.vehicle", dealId, async (db, actor, deal, now, token) =>
        {
            var previous = deal.VehicleId;
            if (previous == vehicleId) return;
            // Release first: the partial unique index allows one open deal per vehicle at any moment.
            Vehicle? released = null;
            if (previous is { } old)
            {
                released = (await DealParts.LockVehicleAsync(db, actor.DealershipId, old, token))!;
                released.Status = VehicleStatus.Available;
            }
            var vehicle = await DealParts.ReserveVehicleAsync(db, actor.DealershipId, vehicleId, token);
            deal.VehicleId = vehicle.Id;
            var repriced = await QuoteRepricing.VehicleChangedAsync(db, actor, deal, vehicle, now, token);
            var to = DealParts.Describe(vehicle);
            var from = released is null ? null : DealParts.Describe(released);
            AuditTrail.Record(db, actor, released is null ? "deal.vehicle_attached" : "deal.vehicle_swapped", "deal", deal.Id,
                new { dealNumber = deal.DealNumber, vehicleId = vehicle.Id, previousVehicleId = previous, from, to }, now,
                summary: from is null ? $"Attached the {to}" : $"Swapped the vehicle from {from} to {to}");
            await DealChanges.VehicleChangedAsync(db, actor, deal, previous, token, repriced);
        }, ct);
    }

    public async Task<DealResult> ChangeCustomerAsync(Guid dealId, ChangeCustomerRequest request, CancellationToken ct = default)
    {
        var region = await dealership.ForAsync(request.CustomerData?.Phone, ct);
        customerValidator.ThrowIfInvalid(request, region);
        if (request.CustomerData is { } data) request = request with { CustomerData = data.WithE164Phone(region) };
        return await RunAsync("deals.customer", dealId, async (db, actor, deal, now, token) =>
        {
            var customer = await DealParts.ResolveCustomerAsync(db, actor, request.CustomerId, request.CustomerData, token);
            if (customer.Id == deal.CustomerId) return;
            var previous = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == deal.CustomerId, token);
            deal.CustomerId = customer.Id;
            var isNew = request.CustomerData is not null;
            AuditTrail.Record(db, actor, "deal.customer_changed", "deal", deal.Id,
                new
                {
                    dealNumber = deal.DealNumber, customerId = customer.Id, previousCustomerId = previous.Id, newCustomer = isNew,
                    from = previous.FullName, to = customer.FullName,
                }, now,
                summary: $"Changed the customer from {previous.FullName} to {(isNew ? "new customer " : "")}{customer.FullName}");
            await DealChanges.CustomerChangedAsync(db, actor, deal, previous.Id, token);
        }, ct);
    }

    public Task<DealResult> CancelAsync(Guid dealId, CancellationToken ct = default) =>
        RunAsync("deals.cancel", dealId, async (db, actor, deal, now, token) =>
        {
            if (deal.VehicleId is { } v)
            {
                (await DealParts.LockVehicleAsync(db, actor.DealershipId, v, token))!.Status = VehicleStatus.Available;
            }
            deal.State = DealState.Cancelled;
            AuditTrail.Record(db, actor, "deal.cancelled", "deal", deal.Id, new { dealNumber = deal.DealNumber, vehicleId = deal.VehicleId }, now,
                summary: "Cancelled the deal");
            await DealChanges.StateChangedAsync(db, actor, deal, VehicleStatus.Available, token);
        }, ct);

    public Task<DealResult> DeliverAsync(Guid dealId, CancellationToken ct = default) =>
        RunAsync("deals.deliver", dealId, async (db, actor, deal, now, token) =>
        {
            if (deal.VehicleId is not { } v)
                throw new DealDeskException(AppError.Conflict(ErrorCodes.DealStateInvalid, "Attach a vehicle before marking the deal delivered."));
            (await DealParts.LockVehicleAsync(db, actor.DealershipId, v, token))!.Status = VehicleStatus.Sold;
            deal.State = DealState.Delivered;
            AuditTrail.Record(db, actor, "deal.delivered", "deal", deal.Id, new { dealNumber = deal.DealNumber, vehicleId = v }, now,
                summary: "Marked the deal delivered");
            await DealChanges.StateChangedAsync(db, actor, deal, VehicleStatus.Sold, token);
        }, ct);

    private delegate Task Change(DealDeskDbContext db, Actor actor, Deal deal, DateTimeOffset now, CancellationToken ct);

    /// <summary>Loads and locks the open deal, applies the change, stamps it, returns the fresh result.</summary>
    private Task<DealResult> RunAsync(string operation, Guid dealId, Change change, CancellationToken ct)
    {
        var actor = Actor.From(tenant);
        return runner.RunAsync(operation, DealLocks.For(actor.DealershipId), async (db, token) =>
        {
            var deal = (await db.Deals.FromSql($"SELECT * FROM deals WHERE id = {dealId} AND dealership_id = {actor.DealershipId} FOR UPDATE")
                    .ToListAsync(token)).SingleOrDefault()
                ?? throw await Ownership.MissingAsync(db, "deals", "Deal", dealId, token);
            if (!DealState.IsOpen(deal.State))
                throw new DealDeskException(AppError.Conflict(ErrorCodes.DealStateInvalid,
                    $"Deal {deal.DealNumber} is {deal.State.ToLowerInvariant()} and can no longer change.",
                    new Dictionary<string, object?> { ["dealId"] = deal.Id, ["state"] = deal.State }));
            var now = time.GetUtcNow();
            await change(db, actor, deal, now, token);
            deal.UpdatedAt = now;
            await db.SaveChangesAsync(token);
            return await DealParts.LoadResultAsync(db, deal.Id, token);
        }, ct);
    }
}
