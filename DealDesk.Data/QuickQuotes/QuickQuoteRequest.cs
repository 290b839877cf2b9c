using DealDesk.Data.Deals;
using FluentValidation;

namespace DealDesk.Data.QuickQuotes;

public sealed record QuickQuoteRequest
{
    public string? VehicleId { get; init; }
    public decimal? Price { get; init; }
    public decimal? DownPayment { get; init; }
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
            .WithMessage("Enter the customer's first and last name.").MaximumLength(160);
        RuleFor(q => q.CustomerPhone).Matches(DealRules.PhonePattern).WithMessage("Enter a phone number like (555) 123-4567.")
            .When(q => !string.IsNullOrEmpty(q.CustomerPhone));
        RuleFor(q => q.VehicleId).WellFormedId();
        RuleFor(q => q.Price).NotNull().When(q => q.VehicleId is null).WithMessage("Enter a price or pick a vehicle.");
        RuleFor(q => q.Price).InclusiveBetween(0, DealRules.MaxMoney).WithMessage("Price must be 0 or more.");
        RuleFor(q => q.DownPayment).InclusiveBetween(0, DealRules.MaxMoney).WithMessage("Down payment must be 0 or more.");
        RuleFor(q => q.TermMonths).InclusiveBetween(12, 96).WithMessage("Term must be 12 to 96 months.");
        RuleFor(q => q.Apr).InclusiveBetween(0, 30).WithMessage("APR must be between 0 and 30 %.");
    }
}
