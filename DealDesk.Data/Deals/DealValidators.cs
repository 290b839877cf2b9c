using System.Text.RegularExpressions;
using DealDesk.Data.Customers;
using FluentValidation;

namespace DealDesk.Data.Deals;

/// <summary>Input rules shared by deal creation, customer changes and quick quotes.</summary>
public static class DealRules
{
    public const string EmailPattern = @"^[^\s@]+@[^\s@]+\.[^\s@]+$";
    public const decimal MaxMoney = 9_999_999_999.99m;
    public static readonly Regex Email = new(EmailPattern, RegexOptions.Compiled);

    public static bool IsId(string? value) => value is null || Guid.TryParse(value, out _);

    public static IRuleBuilderOptions<T, string?> WellFormedId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsId).WithMessage("Not a valid id.");

    /// <summary>
    /// Any way people type a phone (see <see cref="Phones"/>), read as dialled in the dealership's country
    /// (<see cref="PhoneRegion"/>); it is stored as E.164.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> PhoneNumber<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must((_, phone, context) =>
            {
                var region = PhoneRegion.Of(context);
                context.MessageFormatter.AppendArgument("PhoneMessage", Phones.InvalidMessageFor(region));
                return Phones.IsValid(phone, region);
            })
            .WithMessage("{PhoneMessage}");

    /// <summary>
    /// Exactly one of an existing customer or a new one, on the "customer" field. Two rules, so the message
    /// says which mistake was made: nothing chosen, or both.
    /// </summary>
    public static void OneCustomer<T>(this AbstractValidator<T> validator, Func<T, string?> customerId, Func<T, NewCustomerData?> customerData)
    {
        validator.RuleFor(r => r).Must(r => customerId(r) is not null || customerData(r) is not null)
            .OverridePropertyName("customer")
            .WithMessage("Choose an existing customer or enter the new customer's first and last name.");
        validator.RuleFor(r => r).Must(r => customerId(r) is null || customerData(r) is null)
            .OverridePropertyName("customer")
            .WithMessage("Choose an existing customer or enter a new one, not both.");
    }
}

public sealed class NewCustomerValidator : AbstractValidator<NewCustomerData>
{
    public NewCustomerValidator()
    {
        RuleFor(c => c.FirstName).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("First name is required.")
            .MaximumLength(80);
        RuleFor(c => c.LastName).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Last name is required.")
            .MaximumLength(80);
        // Pasted values often carry spaces; they are stored trimmed, so they are checked trimmed.
        RuleFor(c => c.Email).Must(v => DealRules.Email.IsMatch(v!.Trim())).WithMessage("Enter an email like name@example.com.")
            .MaximumLength(254).When(c => !string.IsNullOrWhiteSpace(c.Email));
        RuleFor(c => c.Phone).PhoneNumber().When(c => !string.IsNullOrWhiteSpace(c.Phone));
    }
}

public sealed class ScenarioInputValidator : AbstractValidator<ScenarioInput>
{
    public ScenarioInputValidator()
    {
        RuleFor(s => s.Price).InclusiveBetween(0, DealRules.MaxMoney).WithMessage("Price must be 0 or more.");
        RuleFor(s => s.DownPayment).InclusiveBetween(0, DealRules.MaxMoney).WithMessage("Down payment must be 0 or more.");
        RuleFor(s => s.TradeInValue).InclusiveBetween(0, DealRules.MaxMoney).WithMessage("Trade-in value must be 0 or more.");
        RuleFor(s => s.TradeInPayoff).InclusiveBetween(0, DealRules.MaxMoney).WithMessage("Trade-in payoff must be 0 or more.");
        RuleFor(s => s.TermMonths).InclusiveBetween(12, 96).WithMessage("Term must be 12 to 96 months.");
        RuleFor(s => s.Apr).InclusiveBetween(0, 30).WithMessage("APR must be between 0 and 30 %.");
    }
}

public sealed class CreateDealValidator : AbstractValidator<CreateDealRequest>
{
    public CreateDealValidator()
    {
        this.OneCustomer(r => r.CustomerId, r => r.CustomerData);
        RuleFor(r => r.CustomerId).WellFormedId();
        RuleFor(r => r.VehicleId).WellFormedId();
        RuleFor(r => r.SalespersonId).WellFormedId();
        RuleFor(r => r.DealershipId).WellFormedId();
        RuleFor(r => r.LeadId).WellFormedId();
        RuleFor(r => r.CustomerData!).SetValidator(new NewCustomerValidator()).When(r => r.CustomerData is not null);
        RuleFor(r => r.Scenario!).SetValidator(new ScenarioInputValidator()).When(r => r.Scenario is not null);
    }
}

public sealed class ChangeCustomerValidator : AbstractValidator<ChangeCustomerRequest>
{
    public ChangeCustomerValidator()
    {
        this.OneCustomer(r => r.CustomerId, r => r.CustomerData);
        RuleFor(r => r.CustomerId).WellFormedId();
        RuleFor(r => r.CustomerData!).SetValidator(new NewCustomerValidator()).When(r => r.CustomerData is not null);
    }
}
