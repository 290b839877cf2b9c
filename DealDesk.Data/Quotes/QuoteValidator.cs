using System.Text.RegularExpressions;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using FluentValidation;
using FluentValidation.Results;

namespace DealDesk.Data.Quotes;

/// <summary>
/// Every rule of a quote, for the editor's fields (MudForm) and the services alike. Plain field rules fail as
/// QUOTE_VALIDATION_FAILED; a currency outside the dealership's list carries CURRENCY_INVALID. Only once all of those
/// pass are the figures computed: a quote that cannot be priced (down payment above the amount due, ...) fails with
/// PRICING_VALIDATION_FAILED, and totals the client sent in <see cref="QuoteInput.Expected"/> that differ from the
/// server's with ITEMS_INCONSISTENT. <see cref="ThrowIfInvalid"/> and <see cref="QuoteErrors.FromValidation"/> turn a
/// result into one typed error. Plain AbstractValidator rules only (FluentValidation 11 and 12).
/// </summary>
public sealed class QuoteValidator : AbstractValidator<QuoteInput>
{
    public const int MaxNameLength = 80;
    public const decimal MaxMoneyFactor = 0.01m;
    public const int MaxAnnualMiles = 100_000;
    public const int FirstModelYear = 1900;
    static readonly Regex Vin = new("^[A-HJ-NPR-Z0-9]{17}$", RegexOptions.Compiled);

    readonly QuoteTaxRules _taxRules;
    readonly QuoteFieldsValidator _fields;

    /// <param name="taxRules">The dealership's tax settings (the figures are checked with them).</param>
    /// <param name="allowedCurrencies">The dealership's currencies, ISO 4217 codes as stored (e.g. "USD").</param>
    public QuoteValidator(QuoteTaxRules taxRules, IReadOnlyCollection<string> allowedCurrencies)
    {
        ArgumentNullException.ThrowIfNull(taxRules);
        ArgumentNullException.ThrowIfNull(allowedCurrencies);
        _taxRules = taxRules;
        _fields = new QuoteFieldsValidator(allowedCurrencies);
        Include(_fields);
        RuleFor(q => q).Custom(CheckFigures).When(q => _fields.Validate(q).IsValid);
    }

    /// <summary>Throws the typed error of <see cref="QuoteErrors.FromValidation"/> when the input is invalid.</summary>
    public void ThrowIfInvalid(QuoteInput input)
    {
        var result = Validate(input);
        if (!result.IsValid) throw new DealDeskException(QuoteErrors.FromValidation(result));
    }

    void CheckFigures(QuoteInput input, ValidationContext<QuoteInput> context)
    {
        var (figures, problems) = QuoteCalculator.Evaluate(input, _taxRules, null);
        foreach (var p in problems)
            context.AddFailure(new ValidationFailure(p.Field, p.Message) { ErrorCode = ErrorCodes.PricingValidationFailed });
        if (problems.Count > 0 || input.Expected is not { } sent) return;

        Compare(context, nameof(QuoteTotals.TaxableAmount), sent.TaxableAmount, figures.TaxableAmount);
        Compare(context, nameof(QuoteTotals.Tax), sent.Tax, figures.Tax);
        Compare(context, nameof(QuoteTotals.AmountFinanced), sent.AmountFinanced, figures.AmountFinanced);
        Compare(context, nameof(QuoteTotals.MonthlyPayment), sent.MonthlyPayment, figures.MonthlyPayment ?? 0m);
        Compare(context, nameof(QuoteTotals.TotalOfPayments), sent.TotalOfPayments, figures.TotalOfPayments);
        Compare(context, nameof(QuoteTotals.TotalCost), sent.TotalCost, figures.TotalCost);
        Compare(context, nameof(QuoteTotals.DueAtSigning), sent.DueAtSigning, figures.DueAtSigning);
    }

    static void Compare(ValidationContext<QuoteInput> context, string total, decimal? sent, decimal computed)
    {
        if (sent is not { } value || value == computed) return;
        context.AddFailure(new ValidationFailure($"{nameof(QuoteInput.Expected)}.{total}",
            $"Sent {QuoteCalculator.Money(value)}, but the quote's lines give {QuoteCalculator.Money(computed)}.", value)
        {
            ErrorCode = ErrorCodes.ItemsInconsistent,
            CustomState = new TotalMismatch(value, computed),
        });
    }

    internal static bool IsCents(decimal value) => decimal.Round(value, 2) == value;

    /// <summary>The rules on each field and line, without the figures.</summary>
    sealed class QuoteFieldsValidator : AbstractValidator<QuoteInput>
    {
        public QuoteFieldsValidator(IReadOnlyCollection<string> allowedCurrencies)
        {
            var allowed = allowedCurrencies.ToArray();
            RuleFor(q => q.Kind).Must(k => k is not null && QuoteKind.All.Contains(k)).WithMessage("Choose finance, lease or cash.");
            RuleFor(q => q.Price).Must(p => p > 0 && p <= DealRules.MaxMoney).WithMessage("Enter the vehicle's price.")
                .Must(IsCents).WithMessage("Use whole cents.");
            RuleFor(q => q.Discount).Money("The discount");
            RuleFor(q => q.Discount).Must((q, d) => d <= q.Price).WithMessage("The discount can't be more than the price.")
                .When(q => q.Price > 0);
            RuleFor(q => q.DownPayment).Money("The down payment");

            RuleFor(q => q.TermMonths).NotNull().WithMessage("Enter the term.")
                .When(q => q.Kind is QuoteKind.Finance or QuoteKind.Lease);
            RuleFor(q => q.Apr).NotNull().WithMessage("Enter the APR.").When(q => q.Kind == QuoteKind.Finance);
            RuleFor(q => q.ResidualPercent).NotNull().WithMessage("Enter the residual.").When(q => q.Kind == QuoteKind.Lease);
            RuleFor(q => q.MoneyFactor).NotNull().WithMessage("Enter the money factor.").When(q => q.Kind == QuoteKind.Lease);
            RuleFor(q => q.AnnualMiles).NotNull().WithMessage("Enter the miles per year.").When(q => q.Kind == QuoteKind.Lease);

            RuleFor(q => q.TermMonths).InclusiveBetween(12, 96).WithMessage("Term must be 12 to 96 months.");
            RuleFor(q => q.Apr).InclusiveBetween(0m, 30m).WithMessage("APR must be between 0 and 30 %.");
            RuleFor(q => q.ResidualPercent).InclusiveBetween(1m, 100m).WithMessage("Residual must be between 1 and 100 %.");
            RuleFor(q => q.MoneyFactor).InclusiveBetween(0m, MaxMoneyFactor).WithMessage("Money factor must be between 0 and 0.01.");
            RuleFor(q => q.AnnualMiles).InclusiveBetween(1, MaxAnnualMiles).WithMessage($"Miles per year must be between 1 and {MaxAnnualMiles:N0}.");
            RuleFor(q => q.DueAtSigning).Must(v => v is null || (v >= 0 && v <= DealRules.MaxMoney && IsCents(v.Value)))
                .WithMessage("Due at signing must be 0 or more, in whole cents.");
            RuleFor(q => q.DueAtSigning).Null().When(q => q.Kind == QuoteKind.Lease && q.DownPayment > 0)
                .WithMessage("Give the amount due at signing or a down payment, not both.");
            RuleFor(q => q.ExpiresInDays).InclusiveBetween(QuoteStates.MinExpiryDays, QuoteStates.MaxExpiryDays)
                .WithMessage($"A quote is valid for {QuoteStates.MinExpiryDays} to {QuoteStates.MaxExpiryDays} days.");

            RuleFor(q => q.Currency).Cascade(CascadeMode.Stop)
                .Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Choose a currency.")
                .Must(c => allowed.Contains(c, StringComparer.Ordinal))
                .WithMessage($"Choose one of {string.Join(", ", allowed)}.")
                .WithErrorCode(ErrorCodes.CurrencyInvalid).WithState(_ => allowed);

            RuleFor(q => q.Rebates).NotNull().WithMessage("Send a list (it may be empty).");
            RuleForEach(q => q.Rebates).NotNull().WithMessage("Empty line.").ChildRules(line =>
            {
                line.RuleFor(r => r.Name).LineName();
                line.RuleFor(r => r.Amount).Money("The amount");
            });
            RuleFor(q => q.TradeIns).NotNull().WithMessage("Send a list (it may be empty).");
            RuleForEach(q => q.TradeIns).NotNull().WithMessage("Empty line.").ChildRules(line =>
            {
                line.RuleFor(t => t.Vin).Must(v => Vin.IsMatch(v!)).When(t => !string.IsNullOrEmpty(t.Vin))
                    .WithMessage("A VIN has 17 characters: capital letters (no I, O or Q) and digits.");
                line.RuleFor(t => t.Year).NotNull().WithMessage("Enter the model year.")
                    .InclusiveBetween(FirstModelYear, DateTime.UtcNow.Year + 1)
                    .WithMessage($"Enter a model year from {FirstModelYear} to next year.");
                line.RuleFor(t => t.Make).LineName("make");
                line.RuleFor(t => t.Model).LineName("model");
                line.RuleFor(t => t.Allowance).Money("The allowance");
                line.RuleFor(t => t.Payoff).Money("The payoff");
            });
            RuleFor(q => q.Products).NotNull().WithMessage("Send a list (it may be empty).");
            RuleForEach(q => q.Products).NotNull().WithMessage("Empty line.").ChildRules(line =>
            {
                line.RuleFor(p => p.Name).LineName();
                line.RuleFor(p => p.Price).Money("The price");
            });
            RuleFor(q => q.Fees).NotNull().WithMessage("Send a list (it may be empty).");
            RuleForEach(q => q.Fees).NotNull().WithMessage("Empty line.").ChildRules(line =>
            {
                line.RuleFor(f => f.Name).LineName();
                line.RuleFor(f => f.Amount).Money("The amount");
            });
        }
    }
}

static class QuoteRuleExtensions
{
    public static IRuleBuilderOptions<T, decimal> Money<T>(this IRuleBuilder<T, decimal> rule, string what) =>
        rule.Must(v => v >= 0 && v <= DealRules.MaxMoney).WithMessage($"{what} must be 0 or more.")
            .Must(QuoteValidator.IsCents).WithMessage("Use whole cents.");

    public static IRuleBuilderOptions<T, string?> LineName<T>(this IRuleBuilder<T, string?> rule, string what = "name") =>
        rule.Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage($"Enter the {what}.")
            .MaximumLength(QuoteValidator.MaxNameLength).WithMessage($"The {what} can have at most {QuoteValidator.MaxNameLength} characters.");
}
