using DealDesk.Data.Deals;
using FluentValidation;

namespace DealDesk.Data.QuickQuotes;

/// <summary>
/// Converting a quick quote. Empty (or no body at all), it creates a customer from the quote's name and phone,
/// as it always did; with an existing customer's id, the deal goes to that customer instead.
/// </summary>
public sealed record ConvertQuickQuoteRequest
{
    public string? ExistingCustomerId { get; init; }
    /// <summary>The same, under the name deal creation uses for it; give one or the other.</summary>
    public string? CustomerId { get; init; }

    public string? ChosenCustomerId => ExistingCustomerId ?? CustomerId;
}

public sealed class ConvertQuickQuoteValidator : AbstractValidator<ConvertQuickQuoteRequest>
{
    public ConvertQuickQuoteValidator()
    {
        RuleFor(r => r.ExistingCustomerId).WellFormedId();
        RuleFor(r => r.CustomerId).WellFormedId();
        RuleFor(r => r).Must(r => r.ExistingCustomerId is null || r.CustomerId is null || string.Equals(r.ExistingCustomerId, r.CustomerId, StringComparison.OrdinalIgnoreCase))
            .OverridePropertyName("existingCustomerId")
            .WithMessage("Give the existing customer once: existingCustomerId or customerId.");
    }
}
