using System.Globalization;
using DealDesk.Data.Deals;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Inventory;

/// <summary>
/// Vehicle records as the API and the vehicle page read them: the cost only for managers, days in stock on the
/// dealership's calendar, and for the page the deals and the history. Each call opens its own short-lived context.
/// </summary>
public sealed class VehicleQueries(IDbContextFactory<DealDeskDbContext> contexts, ITenantContext tenant, InventoryService inventory, TimeProvider time)
{
    private static readonly CultureInfo Dollars = CultureInfo.GetCultureInfo("en-US");

    public async Task<Paged<VehicleRecord>> ListAsync(VehicleSearch search, CancellationToken ct = default)
    {
        var page = await inventory.SearchAsync(search, ct);
        var today = await inventory.TodayAsync(ct);
        return new Paged<VehicleRecord>([.. page.Items.Select(v => VehicleRecord.From(v, tenant.IsManager, today))], page.Page, page.PageSize, page.Total);
    }

    public async Task<VehicleRecord> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.OpenAsync(ct);
        var vehicle = await FindAsync(db, id, ct);
        return VehicleRecord.From(vehicle, tenant.IsManager, await InventoryService.TodayAsync(db, vehicle.DealershipId, time, ct));
    }

    public async Task<VehicleDetails> GetDetailsAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.OpenAsync(ct);
        var vehicle = await FindAsync(db, id, ct);
        var record = VehicleRecord.From(vehicle, tenant.IsManager, await InventoryService.TodayAsync(db, vehicle.DealershipId, time, ct));

        var deals = await (
            from d in db.Deals.AsNoTracking()
            where d.DealershipId == vehicle.DealershipId && d.VehicleId == id
            join c in db.Customers on d.CustomerId equals c.Id
            join u in db.Users on d.SalespersonId equals u.Id
            orderby d.CreatedAt descending
            select new VehicleDeal(d.Id, d.DealNumber, d.State, c.FirstName + " " + c.LastName, u.DisplayName, d.CreatedAt)
        ).ToListAsync(ct);
        // The deal that holds the car: the open one; once sold, the delivered one.
        var holding = deals.FirstOrDefault(d => DealState.IsOpen(d.State))
            ?? (vehicle.Status == VehicleStatus.Sold ? deals.FirstOrDefault(d => d.State == DealState.Delivered) : null);

        var changes = await (
            from h in db.VehicleHistory.AsNoTracking()
            where h.DealershipId == vehicle.DealershipId && h.VehicleId == id
            join u in db.Users on h.ChangedBy equals (Guid?)u.Id into users
            from u in users.DefaultIfEmpty()
            select new { h.OccurredAt, h.Kind, h.OldValue, h.NewValue, By = u == null ? null : u.DisplayName }
        ).ToListAsync(ct);

        var history = new List<VehicleEvent>
        {
            new(ReceivedAt(vehicle), VehicleEventKinds.Received, $"Received into stock ({VehicleCondition.LabelOf(vehicle.Condition).ToLowerInvariant()}, {vehicle.Mileage:N0} mi)"),
        };
        history.AddRange(changes.Select(c => new VehicleEvent(c.OccurredAt, c.Kind, c.Kind == VehicleHistoryKinds.Price
            ? $"Price changed from {Money(c.OldValue)} to {Money(c.NewValue)}"
            : $"Status changed from {c.OldValue} to {c.NewValue}", c.By)));
        history.AddRange(deals.Select(d => new VehicleEvent(d.CreatedAt, VehicleEventKinds.Deal,
            $"Deal {d.DealNumber} started for {d.CustomerName}", d.SalespersonName, d.Id, d.DealNumber)));
        return new VehicleDetails(record, holding, deals, [.. history.OrderByDescending(e => e.At)]);
    }

    private async Task<Vehicle> FindAsync(DealDeskDbContext db, Guid id, CancellationToken ct) =>
        await db.Vehicles.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id && v.DealershipId == tenant.DealershipId, ct)
        ?? throw await Ownership.MissingAsync(db, "vehicles", "Vehicle", id, ct);

    /// <summary>When it was entered, or the morning of the day received when that was earlier (an import of older stock).</summary>
    private static DateTimeOffset ReceivedAt(Vehicle v)
    {
        var received = new DateTimeOffset(v.ReceivedOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        return received < v.CreatedAt ? received : v.CreatedAt;
    }

    private static string Money(string? amount) =>
        decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d.ToString("C", Dollars) : amount ?? "—";
}
