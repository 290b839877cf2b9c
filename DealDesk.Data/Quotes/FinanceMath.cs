using DealDesk.Data.Pricing;

namespace DealDesk.Data.Quotes;

/// <summary>Amortization of a retail installment contract; the payment itself is <see cref="PaymentCalculator"/>'s, so quotes and deal scenarios agree.</summary>
public static class FinanceMath
{
    /// <summary>Standard amortization P·r / (1 − (1 + r)^−n), r = APR / 12, rounded to the cent (0 % APR: P / n).</summary>
    public static decimal MonthlyPayment(decimal principal, decimal aprPercent, int termMonths) =>
        PaymentCalculator.MonthlyPayment(principal, aprPercent, termMonths);

    /// <summary>The unrounded payment per unit financed: r·(1 + r)^n / ((1 + r)^n − 1), or 1 / n at 0 %.</summary>
    public static decimal PaymentFactor(decimal aprPercent, int termMonths)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(termMonths, 1);
        var r = aprPercent / 100m / 12m;
        if (r == 0) return 1m / termMonths;
        var growth = 1m;
        for (var i = 0; i < termMonths; i++) growth *= 1 + r;
        return r * growth / (growth - 1);
    }

    /// <summary>Closed-form inverse of the amortization (unrounded): the principal whose exact payment is <paramref name="monthlyPayment"/>.</summary>
    public static decimal PrincipalFor(decimal monthlyPayment, decimal aprPercent, int termMonths) =>
        monthlyPayment / PaymentFactor(aprPercent, termMonths);
}
