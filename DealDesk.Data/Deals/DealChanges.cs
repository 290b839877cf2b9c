using DealDesk.Data.Inventory;
using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;

namespace DealDesk.Data.Deals;

/// <summary>What the deal writes announce to other screens (deal pages, inventory), inside their unit of work, in one round trip each.</summary>
internal static class DealChanges
{
    /// <summary>deal.created, and vehicle.status pending when the deal took a vehicle.</summary>
    public static Task CreatedAsync(DealDeskDbContext db, Actor actor, Deal deal, CancellationToken ct) =>
        ChangePublisher.PublishAsync(db, [
            Of(actor, ChangeKinds.DealCreated, deal.Id,
                (ChangeKeys.DealNumber, deal.DealNumber), (ChangeKeys.CustomerId, Id(deal.CustomerId)),
                (ChangeKeys.SalespersonId, Id(deal.SalespersonId)), (ChangeKeys.VehicleId, Id(deal.VehicleId))),
            .. Vehicle(actor, deal.VehicleId, VehicleStatus.Pending, deal),
        ], ct);

    /// <summary>
    /// deal.changed (vehicle), then vehicle.status available for the released vehicle and pending for the new one, then
    /// the active quote's quote.saved when it was repriced.
    /// </summary>
    public static Task VehicleChangedAsync(DealDeskDbContext db, Actor actor, Deal deal, Guid? previous, CancellationToken ct, Change? repricedQuote = null) =>
        ChangePublisher.PublishAsync(db, [
            Changed(actor, deal, ChangeKeys.Aspects.Vehicle, (ChangeKeys.VehicleId, Id(deal.VehicleId)), (ChangeKeys.PreviousVehicleId, Id(previous))),
            .. Vehicle(actor, previous, VehicleStatus.Available, deal),
            .. Vehicle(actor, deal.VehicleId, VehicleStatus.Pending, deal),
            .. (repricedQuote is null ? Array.Empty<Change>() : [repricedQuote]),
        ], ct);

    public static Task CustomerChangedAsync(DealDeskDbContext db, Actor actor, Deal deal, Guid previous, CancellationToken ct) =>
        ChangePublisher.PublishAsync(db,
            Changed(actor, deal, ChangeKeys.Aspects.Customer, (ChangeKeys.CustomerId, Id(deal.CustomerId)), (ChangeKeys.PreviousCustomerId, Id(previous))), ct);

    /// <summary>deal.changed (state), then vehicle.status <paramref name="vehicleStatus"/> for the deal's vehicle, if any.</summary>
    public static Task StateChangedAsync(DealDeskDbContext db, Actor actor, Deal deal, string vehicleStatus, CancellationToken ct) =>
        ChangePublisher.PublishAsync(db, [
            Changed(actor, deal, ChangeKeys.Aspects.State, (ChangeKeys.State, deal.State), (ChangeKeys.VehicleId, Id(deal.VehicleId))),
            .. Vehicle(actor, deal.VehicleId, vehicleStatus, deal),
        ], ct);

    private static Change Changed(Actor actor, Deal deal, string aspect, params (string Key, string? Value)[] data) =>
        Of(actor, ChangeKinds.DealChanged, deal.Id, [(ChangeKeys.What, aspect), (ChangeKeys.DealNumber, deal.DealNumber), .. data]);

    /// <summary>The vehicle's new status, or nothing when there is no vehicle.</summary>
    private static Change[] Vehicle(Actor actor, Guid? vehicleId, string status, Deal deal) =>
        vehicleId is { } id ? [Of(actor, ChangeKinds.VehicleStatus, id, (ChangeKeys.Status, status), (ChangeKeys.DealId, Id(deal.Id)))] : [];

    /// <summary>Entries whose value is null are left out.</summary>
    private static Change Of(Actor actor, string kind, Guid id, params (string Key, string? Value)[] data) =>
        new(actor.DealershipId, kind, id, data.Where(d => d.Value is not null).ToDictionary(d => d.Key, d => d.Value), actor.UserId);

    private static string? Id(Guid? id) => id?.ToString();
}
