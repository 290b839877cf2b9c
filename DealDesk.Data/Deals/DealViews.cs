using DealDesk.Data.Customers;
using DealDesk.Data.Inventory;
using DealDesk.Data.Pricing;

namespace DealDesk.Data.Deals;

/// <param name="ConvertedFromQuickQuoteId">The quick quote this deal was converted from, if any.</param>
public sealed record DealView(Guid Id, string DealNumber, string DealState, Guid CustomerId, Guid? VehicleId,
    Guid SalespersonId, Guid? ActiveScenarioId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, Guid? ConvertedFromQuickQuoteId = null)
{
    public static DealView From(Deal d, Guid? quickQuoteId = null) =>
        new(d.Id, d.DealNumber, d.State, d.CustomerId, d.VehicleId, d.SalespersonId, d.ActiveScenarioId, d.CreatedAt, d.UpdatedAt, quickQuoteId);
}

/// <param name="AmountFinanced">Null while there is no payment yet (no vehicle, no price): see <see cref="PaymentCalculator.HasPayment"/>.</param>
/// <param name="MonthlyPayment">Null while there is no payment yet, like <paramref name="AmountFinanced"/>.</param>
public sealed record ScenarioView(Guid Id, Guid DealId, string Name, string Kind, decimal Price, decimal DownPayment,
    decimal TradeInValue, decimal TradeInPayoff, int TermMonths, decimal Apr, decimal TaxRate, decimal Fees,
    decimal? AmountFinanced, decimal? MonthlyPayment)
{
    public static ScenarioView From(PricingScenario s, bool hasVehicle)
    {
        var payment = PaymentCalculator.HasPayment(s.Price, hasVehicle);
        return new(s.Id, s.DealId, s.Name, s.Kind, s.Price, s.DownPayment, s.TradeInValue, s.TradeInPayoff, s.TermMonths,
            s.Apr, s.TaxRate, s.Fees, payment ? s.AmountFinanced : null, payment ? s.MonthlyPayment : null);
    }
}

public sealed record CustomerView(Guid Id, string FirstName, string LastName, string? Email, string? Phone)
{
    public string FullName => $"{FirstName} {LastName}";
    public static CustomerView From(Customer c) => new(c.Id, c.FirstName, c.LastName, c.Email, c.Phone);
}

public sealed record VehicleView(Guid Id, string Vin, string StockNumber, int Year, string Make, string Model, string? Trim,
    decimal Price, string Status)
{
    public string Title => $"{Year} {Make} {Model}{(Trim is null ? "" : " " + Trim)}";
    public static VehicleView From(Vehicle v) => new(v.Id, v.Vin, v.StockNumber, v.Year, v.Make, v.Model, v.Trim, v.Price, v.Status);
}

/// <summary>What a deal write returns: the deal and everything it now points at.</summary>
public sealed record DealResult(DealView Deal, ScenarioView Scenario, CustomerView Customer, VehicleView? Vehicle)
{
    /// <summary>
    /// Set by quick-quote conversion when it created a customer: the dealership's other customers with the
    /// same phone, so the UI can offer to use one of them instead. Empty otherwise.
    /// </summary>
    public IReadOnlyList<CustomerMatch> MatchingCustomers { get; init; } = [];
}
