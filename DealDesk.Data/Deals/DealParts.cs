using DealDesk.Data.Pricing;
using DealDesk.Data.Customers;
using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Data.Quotes;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Deals;

/// <summary>Steps shared by deal creation and the later deal actions.</summary>
internal static class DealParts
{
    public static async Task<Customer> ResolveCustomerAsync(DealDeskDbContext db, Actor actor, string? customerId,
        NewCustomerData? data, CancellationToken ct)
    {
        if (customerId is not null)
        {
            var id = Guid.Parse(customerId);
            return await db.Customers.SingleOrDefaultAsync(c => c.Id == id && c.DealershipId == actor.DealershipId, ct)
                ?? throw await Ownership.MissingAsync(db, "customers", "Customer", id, ct);
        }
        var customer = new Customer
        {
            Id = Guid.NewGuid(), DealershipId = actor.DealershipId,
            FirstName = data!.FirstName!.Trim(), LastName = data.LastName!.Trim(),
            Email = string.IsNullOrWhiteSpace(data.Email) ? null : data.Email.Trim(),
            Phone = Phones.Normalize(data.Phone),
        };
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        return customer;
    }

    /// <summary>The dealership's vehicle, row-locked (FOR UPDATE) until commit; null when it is not visible.</summary>
    public static async Task<Vehicle?> LockVehicleAsync(DealDeskDbContext db, Guid dealershipId, Guid vehicleId, CancellationToken ct) =>
        (await db.Vehicles
            .FromSql($"SELECT * FROM vehicles WHERE id = {vehicleId} AND dealership_id = {dealershipId} FOR UPDATE")
            .ToListAsync(ct)).SingleOrDefault();

    /// <summary>Locks the vehicle row (FOR UPDATE) and moves it from available to pending.</summary>
    public static async Task<Vehicle> ReserveVehicleAsync(DealDeskDbContext db, Guid dealershipId, Guid vehicleId, CancellationToken ct)
    {
        var vehicle = await LockVehicleAsync(db, dealershipId, vehicleId, ct)
            ?? throw await Ownership.MissingAsync(db, "vehicles", "Vehicle", vehicleId, ct);
        EnsureAvailable(vehicle);
        vehicle.Status = VehicleStatus.Pending;
        return vehicle;
    }

    /// <summary>A vehicle as the history names it: "2023 Toyota RAV4 XLE (N1004)".</summary>
    public static string Describe(Vehicle vehicle) => $"{vehicle.Title} ({vehicle.StockNumber})";

    /// <summary>VEHICLE_NOT_AVAILABLE (409) unless the vehicle can still go on a deal.</summary>
    public static void EnsureAvailable(Vehicle vehicle)
    {
        if (vehicle.Status != VehicleStatus.Available)
            throw new DealDeskException(AppError.Conflict(ErrorCodes.VehicleNotAvailable,
                $"The {vehicle.Title} (stock {vehicle.StockNumber}) is no longer available: it is {vehicle.Status}. Pick another vehicle.",
                new Dictionary<string, object?> { ["vehicleId"] = vehicle.Id, ["status"] = vehicle.Status }));
    }

    public static PricingScenario FirstScenario(Deal deal, Dealership dealership, Vehicle? vehicle, ScenarioInput? input, DateTimeOffset now)
    {
        var scenario = new PricingScenario
        {
            Id = Guid.NewGuid(), DealershipId = deal.DealershipId, DealId = deal.Id, Name = "Scenario 1", Kind = ScenarioKind.Finance,
            Price = input?.Price ?? vehicle?.Price ?? 0m, DownPayment = input?.DownPayment ?? 0m,
            TradeInValue = input?.TradeInValue ?? 0m, TradeInPayoff = input?.TradeInPayoff ?? 0m,
            TermMonths = input?.TermMonths ?? 60, Apr = input?.Apr ?? dealership.DefaultApr,
            TaxRate = dealership.DefaultTaxRate, Fees = dealership.DocFee, CreatedAt = now, UpdatedAt = now,
        };
        // Only now are the vehicle's price and the dealership's tax and fees known. A blank deal owes nothing
        // yet, so its down payment (a deposit taken before the car is chosen) has no limit until it gets a vehicle.
        if (PaymentCalculator.HasPayment(scenario.Price, vehicle is not null))
            DownPaymentRule.Check("scenario.downPayment", scenario.DownPayment, PaymentCalculator.AmountDue(
                scenario.Price, scenario.TradeInValue, scenario.TradeInPayoff, scenario.TaxRate, scenario.Fees));
        QuoteSetup.CompleteFirst(scenario, dealership, vehicle, deal.CreatedBy, now); // a complete quote: lines, figures, version 1
        return scenario;
    }

    public static async Task<DealResult> LoadResultAsync(DealDeskDbContext db, Guid dealId, CancellationToken ct)
    {
        var deal = await db.Deals.AsNoTracking().SingleAsync(d => d.Id == dealId, ct);
        var scenario = await db.PricingScenarios.AsNoTracking().SingleAsync(s => s.Id == deal.ActiveScenarioId, ct);
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == deal.CustomerId, ct);
        var vehicle = deal.VehicleId is { } v ? await db.Vehicles.AsNoTracking().SingleAsync(x => x.Id == v, ct) : null;
        return new DealResult(DealView.From(deal, await QuickQuoteIdAsync(db, deal, ct)), ScenarioView.From(scenario, vehicle is not null),
            CustomerView.From(customer), vehicle is null ? null : VehicleView.From(vehicle));
    }

    /// <summary>The quick quote the deal was converted from: the quote row links to its deal.</summary>
    public static Task<Guid?> QuickQuoteIdAsync(DealDeskDbContext db, Deal deal, CancellationToken ct) =>
        db.QuickQuotes.AsNoTracking().Where(q => q.DealershipId == deal.DealershipId && q.ConvertedDealId == deal.Id)
            .Select(q => (Guid?)q.Id).FirstOrDefaultAsync(ct);
}
