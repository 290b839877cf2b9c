using static DealDesk.Data.Pricing.PaymentCalculator;

namespace DealDesk.Data.Quotes;

/// <summary>One lease payment, each part rounded to the cent.</summary>
public sealed record LeasePayment(decimal Depreciation, decimal RentCharge, decimal BasePayment, decimal MonthlyTax, decimal MonthlyPayment);

/// <summary>
/// Lease maths (payments in advance, the standard US money-factor method):
/// depreciation = (adjusted cap cost − residual) / term, rent charge = (adjusted cap cost + residual) × money factor,
/// base payment = depreciation + rent charge, monthly tax = base payment × tax rate (tax on each payment, the common
/// US treatment). Rounded to the cent: residual value, depreciation, rent charge and monthly tax, each on its own;
/// the base and monthly payments are sums of cents.
/// </summary>
public static class LeaseMath
{
    /// <summary>APR (in percent) = money factor × 2400.</summary>
    public const decimal AprPerMoneyFactor = 2400m;

    public static decimal AprEquivalent(decimal moneyFactor) => moneyFactor * AprPerMoneyFactor;

    public static decimal MoneyFactorFor(decimal aprPercent) => aprPercent / AprPerMoneyFactor;

    /// <summary>The residual value: a percentage of the vehicle's price (before discount), rounded to the cent.</summary>
    public static decimal ResidualValue(decimal price, decimal residualPercent) => Cents(price * residualPercent / 100m);

    public static LeasePayment Payment(decimal adjustedCapCost, decimal residualValue, int termMonths, decimal moneyFactor, decimal taxRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(termMonths, 1);
        var depreciation = Cents((adjustedCapCost - residualValue) / termMonths);
        var rent = Cents((adjustedCapCost + residualValue) * moneyFactor);
        var basePayment = depreciation + rent;
        var tax = Cents(basePayment * taxRate);
        return new LeasePayment(depreciation, rent, basePayment, tax, basePayment + tax);
    }

    /// <summary>
    /// Closed-form inverse of <see cref="Payment"/> before rounding: the adjusted cap cost whose exact monthly payment
    /// (tax included) is <paramref name="monthlyPayment"/>. base = cap·(1/n + mf) + residual·(mf − 1/n).
    /// </summary>
    public static decimal AdjustedCapCostFor(decimal monthlyPayment, decimal residualValue, int termMonths, decimal moneyFactor, decimal taxRate)
    {
        var basePayment = monthlyPayment / (1 + taxRate);
        var perMonth = 1m / termMonths;
        return (basePayment - residualValue * (moneyFactor - perMonth)) / (perMonth + moneyFactor);
    }

    /// <summary>
    /// Splits the cash due at signing into the first payment and a down payment (cash cap cost reduction): the
    /// largest whole-cent down payment d in [0, <paramref name="maxDownPayment"/>] with d + payment(d) ≤ due at signing.
    /// Null when even d = 0 leaves the first payment uncovered or the amount is more than d = max needs.
    /// The closed form d* = (due − g(0)) / (1 − (1/n + mf)(1 + t)) of the unrounded g(d) = d + payment(d) gives the start;
    /// rounding moves the payment by at most about two cents, so a few one-cent steps down from d* + 0.10 find it.
    /// Below the maximum the match is exact: the payment never rises with d, so d + payment(d) grows by at most a
    /// cent per cent of d and cannot step over the amount.
    /// </summary>
    public static decimal? DownPaymentFor(decimal dueAtSigning, decimal capCostBeforeDown, decimal maxDownPayment, decimal residualValue,
        int termMonths, decimal moneyFactor, decimal taxRate)
    {
        decimal Spend(decimal down) =>
            down + Payment(capCostBeforeDown - down, residualValue, termMonths, moneyFactor, taxRate).MonthlyPayment;

        if (maxDownPayment < 0 || Spend(0) > dueAtSigning) return null;
        var max = Math.Floor(maxDownPayment * 100m) / 100m;
        if (dueAtSigning > Spend(max)) return null;

        var slope = (1m / termMonths + moneyFactor) * (1 + taxRate);
        var exactAtZero = (1 + taxRate) * ((capCostBeforeDown - residualValue) / termMonths + (capCostBeforeDown + residualValue) * moneyFactor);
        var estimate = (dueAtSigning - exactAtZero) / (1 - slope);
        var down = Math.Clamp(Math.Floor(estimate * 100m) / 100m + 0.10m, 0m, max);
        while (down > 0 && Spend(down) > dueAtSigning) down -= 0.01m;
        // The largest fitting down payment: step up while the next cent still fits (rounding can leave a gap above).
        while (down + 0.01m <= max && Spend(down + 0.01m) <= dueAtSigning) down += 0.01m;
        return down;
    }
}
