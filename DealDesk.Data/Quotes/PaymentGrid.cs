using DealDesk.Data.Errors;

namespace DealDesk.Data.Quotes;

/// <summary>
/// Monthly payments for three terms × three down payments around the quote's own (the desk's "four-square" payment
/// box). <see cref="Payments"/>[row][column] is the payment for <see cref="DownPayments"/>[row] and
/// <see cref="Terms"/>[column]; a cell is null where that down payment is more than the amount due. Everything else
/// about the quote (rate, residual %, lines) stays as it is; a lease's residual % is not re-looked-up per term.
/// </summary>
public sealed record PaymentGrid(IReadOnlyList<int> Terms, IReadOnlyList<decimal> DownPayments, IReadOnlyList<IReadOnlyList<decimal?>> Payments)
{
    public const int MinTerm = 12, MaxTerm = 96, TermStep = 12;

    public decimal? PaymentFor(int termMonths, decimal downPayment)
    {
        var column = Terms.ToList().IndexOf(termMonths);
        var row = DownPayments.ToList().IndexOf(downPayment);
        if (column < 0 || row < 0) throw new ArgumentOutOfRangeException(nameof(termMonths), "That term and down payment are not in the grid.");
        return Payments[row][column];
    }

    /// <summary>
    /// The grid of a valid finance or lease quote; <paramref name="downPaymentStep"/> is the dealership's setting
    /// (e.g. 1,000). A lease given with due at signing uses the down payment that results from it.
    /// </summary>
    public static PaymentGrid Build(QuoteInput input, QuoteTaxRules rules, decimal downPaymentStep)
    {
        if (input.Kind == QuoteKind.Cash)
            throw new DealDeskException(QuoteErrors.PricingValidation(new Dictionary<string, string[]> { ["kind"] = ["A cash quote has no payments."] }));
        var current = QuoteCalculator.Compute(input, rules);
        var terms = TermsAround(input.TermMonths!.Value);
        var downs = DownPaymentsAround(current.DownPayment, downPaymentStep);
        var baseInput = input with { DueAtSigning = null };
        var rows = downs.Select(down => (IReadOnlyList<decimal?>)terms.Select(term =>
        {
            var (figures, problems) = QuoteCalculator.Evaluate(baseInput with { TermMonths = term, DownPayment = down }, rules, null);
            return problems.Count == 0 ? figures.MonthlyPayment : null;
        }).ToArray()).ToArray();
        return new PaymentGrid(terms, downs, rows);
    }

    /// <summary>
    /// Current − 12, current, current + 12 months; near the limits (12 and 96) the window shifts instead of shrinking,
    /// so there are always three distinct terms including the current one (12 → 12/24/36, 90 → 66/78/90).
    /// </summary>
    public static IReadOnlyList<int> TermsAround(int termMonths)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(termMonths, MinTerm);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(termMonths, MaxTerm);
        var first = termMonths - TermStep;
        if (first < MinTerm) first = termMonths;                                      // the current term opens the window
        else if (termMonths + TermStep > MaxTerm) first = termMonths - 2 * TermStep;  // ... or closes it
        return [first, first + TermStep, first + 2 * TermStep];
    }

    /// <summary>
    /// Current − step, current, current + step, never below 0: a current down under one step gives 0, current,
    /// current + step, and no down at all 0, step, 2 × step.
    /// </summary>
    public static IReadOnlyList<decimal> DownPaymentsAround(decimal downPayment, decimal step)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        ArgumentOutOfRangeException.ThrowIfNegative(downPayment);
        if (downPayment >= step) return [downPayment - step, downPayment, downPayment + step];
        return downPayment > 0 ? [0m, downPayment, downPayment + step] : [0m, step, 2 * step];
    }
}
