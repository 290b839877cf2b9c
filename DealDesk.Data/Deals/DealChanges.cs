using DealDesk.Data.Inventory;
using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;

namespace DealDesk.Data.Deals;

/// <summary>What the deal writes announce to other screens (deal pages, inventory), inside their unit of work.</summary>
internal static class DealChanges
{
    /// <summary>deal.created, and vehicle.status pending when the deal took a vehicle.</summary>
    public static async Task CreatedAsync(DealDeskDbContext db, Actor actor, Deal deal, CancellationToken ct)
    {
        await PublishAsync(db, actor, ChangeKinds.DealCreated, deal.Id, ct,
            (ChangeKeys.DealNumber, deal.DealNumber), (ChangeKeys.CustomerId, Id(deal.CustomerId)),
            (ChangeKeys.SalespersonId, Id(deal.SalespersonId)), (ChangeKeys.VehicleId, Id(deal.VehicleId)));
        if (deal.VehicleId is { } vehicle) await VehicleAsync(db, actor, vehicle, VehicleStatus.Pending, deal, ct);
    }

    /// <summary>deal.changed (vehicle), then vehicle.status available for the released vehicle and pending for the new one.</summary>
    public static async Task VehicleChangedAsync(DealDeskDbContext db, Actor actor, Deal deal, Guid? previous, CancellationToken ct)
    {
        await ChangedAsync(db, actor, deal, ChangeKeys.Aspects.Vehicle, ct,
            (ChangeKeys.VehicleId, Id(deal.VehicleId)), (ChangeKeys.PreviousVehicleId, Id(previous)));
        if (previous is { } old) await VehicleAsync(db, actor, old, VehicleStatus.Available, deal, ct);
        await VehicleAsync(db, actor, deal.VehicleId!.Value, VehicleStatus.Pending, deal, ct);
    }

    public static Task CustomerChangedAsync(DealDeskDbContext db, Actor actor, Deal deal, Guid previous, CancellationToken ct) =>
        ChangedAsync(db, actor, deal, ChangeKeys.Aspects.Customer, ct,
            (ChangeKeys.CustomerId, Id(deal.CustomerId)), (ChangeKeys.PreviousCustomerId, Id(previous)));

    /// <summary>deal.changed (state), then vehicle.status <paramref name="vehicleStatus"/> for the deal's vehicle, if any.</summary>
    public static async Task StateChangedAsync(DealDeskDbContext db, Actor actor, Deal deal, string vehicleStatus, CancellationToken ct)
    {
        await ChangedAsync(db, actor, deal, ChangeKeys.Aspects.State, ct,
            (ChangeKeys.State, deal.State), (ChangeKeys.VehicleId, Id(deal.VehicleId)));
        if (deal.VehicleId is { } vehicle) await VehicleAsync(db, actor, vehicle, vehicleStatus, deal, ct);
    }

    private static Task ChangedAsync(DealDeskDbContext db, Actor actor, Deal deal, string aspect, CancellationToken ct,
        params (string Key, string? Value)[] data) =>
        PublishAsync(db, actor, ChangeKinds.DealChanged, deal.Id, ct,
            [(ChangeKeys.What, aspect), (ChangeKeys.DealNumber, deal.DealNumber), .. data]);

    private static Task VehicleAsync(DealDeskDbContext db, Actor actor, Guid vehicleId, string status, Deal deal, CancellationToken ct) =>
        PublishAsync(db, actor, ChangeKinds.VehicleStatus, vehicleId, ct, (ChangeKeys.Status, status), (ChangeKeys.DealId, Id(deal.Id)));

    /// <summary>Entries whose value is null are left out.</summary>
    private static Task PublishAsync(DealDeskDbContext db, Actor actor, string kind, Guid id, CancellationToken ct,
        params (string Key, string? Value)[] data) =>
        ChangePublisher.PublishAsync(db, new Change(actor.DealershipId, kind, id,
            data.Where(d => d.Value is not null).ToDictionary(d => d.Key, d => d.Value), actor.UserId), ct);

    private static string? Id(Guid? id) => id?.ToString();
}
