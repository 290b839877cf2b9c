using DealDesk.Data.Deals;
using FluentValidation;

namespace DealDesk.Data.Customers;

/// <summary>The deal dialog's rules for the name, email and phone (<see cref="NewCustomerValidator"/>, same messages), plus the address lengths.</summary>
public sealed class CustomerRequestValidator : AbstractValidator<CustomerRequest>
{
    static readonly NewCustomerValidator Contact = new();

    public CustomerRequestValidator()
    {
        RuleFor(r => r).Custom((request, context) =>
        {
            foreach (var failure in Contact.Validate(PhoneRegion.Context(request.Contact(), PhoneRegion.Of(context))).Errors)
                context.AddFailure(failure.PropertyName, failure.ErrorMessage);
        });
        RuleFor(r => r.Address).MaximumLength(200);
        RuleFor(r => r.City).MaximumLength(80);
        RuleFor(r => r.State).MaximumLength(40);
        RuleFor(r => r.ZipCode).MaximumLength(20);
    }
}
