using DealDesk.Data.Errors;
using static DealDesk.Data.Quotes.QuoteCalculator;

namespace DealDesk.Data.Quotes;

/// <summary>
/// "Payment to price" (rollback): the discount or down payment that brings the monthly payment to the customer's target.
/// <para>Method: the closed-form inversion of the payment (finance: principal = target / amortization factor; lease:
/// <see cref="LeaseMath.AdjustedCapCostFor"/>) gives the lever's exact real-valued answer; the payment, computed
/// exactly as <see cref="QuoteCalculator"/> does with all its rounding, never rises as the lever grows, so a cent
/// search started there (<see cref="CentSearch"/>) finds the smallest whole-cent lever value whose payment is at most the
/// target. Smallest: the least discount keeps the most gross, the least down asks the least cash. The payment then
/// equals the target whenever any whole-cent lever value gives it (<see cref="PaymentToPriceResult.Solved.Exact"/>);
/// when rounding skips that cent (a lease's parts can move two cents at once) it is the nearest achievable cent below.</para>
/// <para>A lease given with <see cref="QuoteInput.DueAtSigning"/> is solved on its resulting down payment, which the
/// answer then carries as <see cref="QuoteInput.DownPayment"/> (due at signing cleared). A target with fractions of a
/// cent is floored to the cent. The input should be valid (an unpriceable one throws PRICING_VALIDATION_FAILED).</para>
/// </summary>
public static class PaymentToPrice
{
    public static PaymentToPriceResult Solve(QuoteInput input, QuoteTaxRules rules, decimal targetMonthlyPayment, RollbackLever lever,
        decimal? vehicleCost = null)
    {
        if (input.Kind == QuoteKind.Cash)
            return new PaymentToPriceResult.Infeasible(RollbackProblem.NoPayment, "A cash quote has no monthly payment.", null);
        if (targetMonthlyPayment <= 0)
            return new PaymentToPriceResult.Infeasible(RollbackProblem.TargetNotPositive, "Enter a target payment above zero.", null);
        var target = Math.Floor(targetMonthlyPayment * 100m) / 100m;

        var (current, problems) = Evaluate(input, rules, vehicleCost);
        if (problems.Count > 0) throw new DealDeskException(QuoteErrors.PricingValidation(problems));
        var baseInput = input with { DownPayment = current.DownPayment, DueAtSigning = null };

        QuoteInput With(long cents) => lever == RollbackLever.DownPayment
            ? baseInput with { DownPayment = cents / 100m }
            : baseInput with { Discount = cents / 100m };
        decimal Payment(long cents) => Evaluate(With(cents), rules, vehicleCost).Figures.MonthlyPayment!.Value;

        var (hi, guess) = Bounds(baseInput, current, rules, target, lever);
        var limitPayment = Payment(hi);
        var atZero = Payment(0);
        if (atZero < target)
            return lever == RollbackLever.DownPayment
                ? new PaymentToPriceResult.Infeasible(RollbackProblem.DownPaymentBelowZero,
                    $"With no down payment the payment is {Money(atZero)}, already below {Money(target)}.", atZero)
                : new PaymentToPriceResult.Infeasible(RollbackProblem.DiscountBelowZero,
                    $"With no discount the payment is {Money(atZero)}; {Money(target)} would need a price above the vehicle's.", atZero);
        var found = CentSearch.SmallestAtMost(Payment, 0, hi, guess, target);
        if (found is not { } cents)
            return lever == RollbackLever.DownPayment
                ? new PaymentToPriceResult.Infeasible(RollbackProblem.DownPaymentAboveAmountDue,
                    $"Even the whole amount due ({Money(hi / 100m)}) down leaves a payment of {Money(limitPayment)}.", limitPayment)
                : new PaymentToPriceResult.Infeasible(RollbackProblem.DiscountTooLarge,
                    $"Even the largest possible discount ({Money(hi / 100m)}) leaves a payment of {Money(limitPayment)}.", limitPayment);

        var solved = With(cents);
        var figures = Compute(solved, rules, vehicleCost);
        return new PaymentToPriceResult.Solved(solved, figures, figures.MonthlyPayment == target);
    }

    /// <summary>The lever's upper limit and the closed-form first guess, both in cents.</summary>
    static (long Hi, long Guess) Bounds(QuoteInput input, QuoteFigures current, QuoteTaxRules rules, decimal target, RollbackLever lever)
    {
        var discount = input.Discount;
        var down = input.DownPayment;
        decimal hi, guess;
        if (input.Kind == QuoteKind.Lease)
        {
            // The lever moves the adjusted cap cost one for one; it may not go below the residual (+ down, for the discount).
            var wantedCap = LeaseMath.AdjustedCapCostFor(target, current.ResidualValue!.Value, input.TermMonths!.Value,
                input.MoneyFactor!.Value, rules.TaxRate);
            var shift = current.AdjustedCapCost!.Value - wantedCap;
            (hi, guess) = lever == RollbackLever.DownPayment
                ? (current.AmountDue, down + shift)
                : (Math.Min(input.Price, discount + current.AmountDue - down), discount + shift);
        }
        else
        {
            var wantedFinanced = FinanceMath.PrincipalFor(target, input.Apr!.Value, input.TermMonths!.Value);
            var shift = current.AmountFinanced - wantedFinanced;
            // A dollar of discount also takes the tax on it off the amount financed (while the vehicle is still taxed).
            var vehicleTaxed = current.SellingPrice - (rules.TradeInReducesTaxable ? current.TradeInAllowance : 0) > 0;
            (hi, guess) = lever == RollbackLever.DownPayment
                ? (current.AmountDue, down + shift)
                : (input.Price, discount + shift / (1 + (vehicleTaxed ? rules.TaxRate : 0)));
        }
        return (ToCents(Math.Max(0, hi)), ToCents(Math.Max(0, Math.Min(guess, hi))));
    }

    static long ToCents(decimal amount) => (long)Math.Floor(amount * 100m);
}
