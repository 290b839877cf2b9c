using FluentValidation;

namespace DealDesk.Data.Inventory;

/// <summary>The rules of a vehicle record, shared by the form (MudForm field errors), the API and the CSV import.</summary>
public sealed class VehicleInputValidator : AbstractValidator<VehicleInput>
{
    /// <summary>The largest price numeric(12,2) holds is far above any car; this catches a misplaced decimal point.</summary>
    public const decimal MaxPrice = 10_000_000m;

    public VehicleInputValidator()
    {
        RuleFor(v => v.Vin).Custom((vin, ctx) =>
        {
            if (VinCheck.Problem(VinCheck.Normalize(vin)) is { } problem) ctx.AddFailure(problem);
        });
        RuleFor(v => v.StockNumber).NotEmpty().WithMessage("Enter the stock number.")
            .MaximumLength(20).Matches("^[A-Za-z0-9-]*$").WithMessage("Use letters, digits and dashes only.");
        RuleFor(v => v.Year).NotNull().WithMessage("Enter the model year.")
            .InclusiveBetween(1981, DateTime.UtcNow.Year + 2).WithMessage("Enter a model year from 1981 (17-character VINs) to next year.");
        RuleFor(v => v.Make).NotEmpty().WithMessage("Enter the make.").MaximumLength(40);
        RuleFor(v => v.Model).NotEmpty().WithMessage("Enter the model.").MaximumLength(40);
        RuleFor(v => v.Trim).MaximumLength(40);
        RuleFor(v => v.Price).NotNull().WithMessage("Enter the list price.")
            .GreaterThanOrEqualTo(0).WithMessage("The price cannot be negative.")
            .LessThan(MaxPrice).WithMessage("That price is too large; check the decimal point.")
            .Must(HasCents).WithMessage("Use at most two decimal places.");
        RuleFor(v => v.Cost).GreaterThanOrEqualTo(0).WithMessage("The cost cannot be negative.")
            .LessThan(MaxPrice).WithMessage("That cost is too large; check the decimal point.")
            .Must(HasCents).WithMessage("Use at most two decimal places.");
        RuleFor(v => v.Mileage).NotNull().WithMessage("Enter the mileage (0 for a new car).")
            .InclusiveBetween(0, 2_000_000).WithMessage("Enter the odometer reading in miles.");
        RuleFor(v => v.Condition).NotEmpty().WithMessage("Choose new, used or certified.")
            .Must(c => c is null || VehicleCondition.All.Contains(c.Trim().ToLowerInvariant()))
            .WithMessage("Choose new, used or certified.");
        RuleFor(v => v.ExteriorColor).MaximumLength(40);
        RuleFor(v => v.InteriorColor).MaximumLength(40);
        RuleFor(v => v.BodyStyle).MaximumLength(30);
        RuleFor(v => v.Status).Must(s => s is null || VehicleStatus.All.Contains(s.Trim().ToLowerInvariant()))
            .WithMessage("The status is available, pending or sold.");
    }

    private static bool HasCents(decimal? amount) => amount is not { } a || decimal.Round(a, 2) == a;
}
