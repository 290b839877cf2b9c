using DealDesk.Data.Deals;
using FluentValidation;

namespace DealDesk.Data.QuickQuotes;

public sealed record QuickQuoteRequest
{
    public string? VehicleId { get; init; }
    public decimal? Price { get; init; }
    public decimal? DownPayment { get; init; }
    public decimal? TradeInValue { get; init; }
    public int? TermMonths { get; init; }
    public decimal? Apr { get; init; }
    /// <summary>First and last name, as the customer gave them.</summary>
    public string? CustomerName { get; init; }
    public string? CustomerPhone { get; init; }
}

public sealed class QuickQuoteValidator : AbstractValidator<QuickQuoteRequest>
{
    public QuickQuoteValidator()
    {
        RuleFor(q => q.CustomerName).Must(n => n?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2)
            .WithMessage("Enter the customer's first and last name.");
        // Converting makes a customer of it: the first word is the first name, the rest the last name (80 characters each).
        RuleFor(q => q.CustomerName).Must(FitsCustomerColumns).WithMessage("First and last name can have at most 80 characters each.")
            .When(q => !string.IsNullOrWhiteSpace(q.CustomerName));
        RuleFor(q => q.CustomerPhone).PhoneNumber().When(q => !string.IsNullOrWhiteSpace(q.CustomerPhone));
        RuleFor(q => q.VehicleId).WellFormedId();
        // Without a vehicle the price is all there is to quote: at 0 the "payment" would be the doc fee alone.
        RuleFor(q => q.Price).Must(p => p is not (null or 0m)).When(q => q.VehicleId is null).WithMessage("Enter a price or pick a vehicle.");
        RuleFor(q => q.Price).InclusiveBetween(0, DealRules.MaxMoney).WithMessage("Price must be 0 or more.");
        RuleFor(q => q.DownPayment).InclusiveBetween(0, DealRules.MaxMoney).WithMessage("Down payment must be 0 or more.");
        RuleFor(q => q.TradeInValue).InclusiveBetween(0, DealRules.MaxMoney).WithMessage("Trade-in value must be 0 or more.");
        RuleFor(q => q.TermMonths).InclusiveBetween(12, 96).WithMessage("Term must be 12 to 96 months.");
        RuleFor(q => q.Apr).InclusiveBetween(0, 30).WithMessage("APR must be between 0 and 30 %.");
    }

    public static (string First, string Last) SplitName(string name)
    {
        var parts = name.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (parts[0], parts.Length > 1 ? string.Join(' ', parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)) : "");
    }

    private static bool FitsCustomerColumns(string? name)
    {
        var (first, last) = SplitName(name!);
        return first.Length <= 80 && last.Length <= 80;
    }
}
