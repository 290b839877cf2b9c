using DealDesk.Data.Deals;

namespace DealDesk.Web.Components.Pages.Deals.Components;

/// <summary>
/// What the salesperson has typed into the deal dialog, and the dialog's idempotency key. Plain JSON-serializable
/// data: <see cref="DealDraftStore"/> persists it when the circuit is paused or evicted, so the dialog reopens
/// with it on resume and a retried submit still replays the same key.
/// </summary>
public sealed class DealDraft
{
    /// <summary>One per dialog opening: a double click or a retry after a reconnect replays the first result.</summary>
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");

    public bool NewCustomer { get; set; }
    public CustomerChoice? Customer { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }

    public VehicleChoice? Vehicle { get; set; }
    /// <summary>Blank desking, chosen on purpose; a vehicle that was taken leaves neither, so nothing turns blank silently.</summary>
    public bool NoVehicle { get; set; }

    public bool PricingOpen { get; set; }
    public decimal? Price { get; set; }
    public decimal? DownPayment { get; set; }
    public decimal? TradeInValue { get; set; }
    public decimal? TradeInPayoff { get; set; }
    public int? TermMonths { get; set; }
    public decimal? Apr { get; set; }

    /// <summary>A manager's choice; null means the signed-in user.</summary>
    public Guid? SalespersonId { get; set; }

    /// <summary>The lead the dialog was opened from ("Create deal" in the inbox): converted with the deal.</summary>
    public Guid? LeadId { get; set; }

    /// <summary>A new customer from the lead's name and phone, no vehicle yet.</summary>
    public static DealDraft ForLead(LeadPrefill lead)
    {
        var parts = lead.CustomerName.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        return new DealDraft
        {
            NewCustomer = true, FirstName = parts.ElementAtOrDefault(0), LastName = parts.ElementAtOrDefault(1), Phone = lead.Phone,
            NoVehicle = true, LeadId = lead.LeadId,
        };
    }

    public static DealDraft For(VehicleChoice? vehicle) => new() { Vehicle = vehicle, NoVehicle = vehicle is null };

    public bool HasPricing => Price is not null || DownPayment is not null || TradeInValue is not null
        || TradeInPayoff is not null || TermMonths is not null || Apr is not null;

    /// <summary>The service request; the same one the validators check as the salesperson types.</summary>
    public CreateDealRequest ToRequest() => new()
    {
        CustomerId = NewCustomer ? null : Customer?.Id.ToString(),
        CustomerData = NewCustomer
            ? new NewCustomerData { FirstName = Blank(FirstName), LastName = Blank(LastName), Email = Blank(Email), Phone = Blank(Phone) }
            : null,
        VehicleId = NoVehicle ? null : Vehicle?.Id.ToString(),
        SalespersonId = SalespersonId?.ToString(),
        LeadId = LeadId?.ToString(),
        Scenario = HasPricing
            ? new ScenarioInput
            {
                Price = Price, DownPayment = DownPayment, TradeInValue = TradeInValue, TradeInPayoff = TradeInPayoff,
                TermMonths = TermMonths, Apr = Apr,
            }
            : null,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>What "Create deal" in the lead inbox carries into the dialog.</summary>
public sealed record LeadPrefill(Guid LeadId, string CustomerName, string? Phone);

/// <summary>An existing customer as the customer picker shows it.</summary>
public sealed record CustomerChoice(Guid Id, string Name, string? Email, string? Phone)
{
    public string Contact => string.Join(" · ", new[] { Phone, Email }.Where(v => !string.IsNullOrWhiteSpace(v)));

    public static CustomerChoice From(CustomerView c) => new(c.Id, c.FullName, c.Email, c.Phone);
}

/// <summary>An available vehicle as the vehicle picker shows it.</summary>
public sealed record VehicleChoice(Guid Id, string Title, string StockNumber, decimal Price)
{
    public static VehicleChoice From(DealDesk.Data.Inventory.Vehicle v) => new(v.Id, v.Title, v.StockNumber, v.Price);
}
