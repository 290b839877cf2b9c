using DealDesk.Data.Deals;
using DealDesk.Data.Inventory;

namespace DealDesk.Tests.Deals.Support;

/// <summary>Deals as the read side returns them, for component tests.</summary>
public static class DealSamples
{
    public static readonly DateTimeOffset Created = new(2026, 3, 14, 15, 30, 0, TimeSpan.Zero);

    public static VehicleView Vehicle(string stock = "N1022", decimal price = 29_600m, string status = VehicleStatus.Pending) =>
        new(Guid.NewGuid(), "1HGCM82633A00" + stock[^4..], stock, 2023, "Chevrolet", "Equinox", "Premier", price, status);

    public static CustomerView Customer(string first = "Rosa", string last = "Okafor") =>
        new(Guid.NewGuid(), first, last, $"{first}.{last}@example.com".ToLowerInvariant(), "+15554102233");

    /// <summary>A draft deal with a customer, the vehicle (or none: blank desking), one finance scenario and its creation entry.</summary>
    public static DealDetails Draft(VehicleView? vehicle = null, bool blank = false, string state = DealState.Draft)
    {
        vehicle = blank ? null : vehicle ?? Vehicle();
        var dealId = Guid.NewGuid();
        var customer = Customer();
        var price = vehicle?.Price ?? 0m;
        var scenario = new ScenarioView(Guid.NewGuid(), dealId, "Scenario 1", ScenarioKind.Finance, price, 2_000m, 0m, 0m, 60, 6.9m,
            0.0625m, 499m, price == 0 ? null : 30_000m, price == 0 ? null : 636.97m);
        var deal = new DealView(dealId, "2026-0314-0007", state, customer.Id, vehicle?.Id, Guid.NewGuid(), scenario.Id, Created, Created.AddMinutes(5));
        var history = new List<AuditView>
        {
            new(Created, "deal.created", "Noah Bennett", """{"newCustomer":true,"summary":"Created the deal for new customer Rosa Okafor"}"""),
        };
        return new DealDetails(deal, customer, vehicle, "Noah Bennett", [scenario], history);
    }

    /// <summary>The same deal in another state, with the entry that put it there.</summary>
    public static DealDetails InState(this DealDetails d, string state, string action, string? by = "Noah Bennett") =>
        d with
        {
            Deal = d.Deal with { DealState = state, UpdatedAt = d.Deal.UpdatedAt.AddMinutes(1) },
            History = [.. d.History, new AuditView(d.Deal.UpdatedAt.AddMinutes(1), action, by, "{}")],
        };
}
