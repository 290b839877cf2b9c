namespace DealDesk.Data.Pricing;

public sealed record FinanceFigures(decimal Tax, decimal AmountFinanced, decimal MonthlyPayment);

/// <summary>
/// Finance maths in decimal. Rounding to cents happens at two defined points only: the tax amount
/// and the monthly payment (and the amount financed, which is a sum of cent values).
/// </summary>
public static class PaymentCalculator
{
    public static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Tax on the price less the trade-in allowance (the common US treatment); the amount financed is
    /// price + tax + fees + trade-in payoff − trade-in value − down payment, never below zero.
    /// </summary>
    public static FinanceFigures Finance(decimal price, decimal downPayment, decimal tradeInValue, decimal tradeInPayoff,
        decimal taxRate, decimal fees, int termMonths, decimal aprPercent)
    {
        var tax = Tax(price, tradeInValue, taxRate);
        var financed = Math.Max(0, price + tax + fees + tradeInPayoff - tradeInValue - downPayment);
        return new FinanceFigures(tax, financed, MonthlyPayment(financed, aprPercent, termMonths));
    }

    public static decimal Tax(decimal price, decimal tradeInValue, decimal taxRate) => Cents(Math.Max(0, price - tradeInValue) * taxRate);

    /// <summary>
    /// What the customer owes before the down payment: price + tax + fees + trade-in payoff − trade-in value,
    /// as in <see cref="Finance"/>. Negative when the trade-in is worth more than all of it. Pure, so a form
    /// can show it (and <see cref="DownPaymentRule"/>'s limit) as the user types.
    /// </summary>
    public static decimal AmountDue(decimal price, decimal tradeInValue, decimal tradeInPayoff, decimal taxRate, decimal fees) =>
        price + Tax(price, tradeInValue, taxRate) + fees + tradeInPayoff - tradeInValue;

    /// <summary>
    /// Whether there is a payment to show. Without a vehicle and a price there is none yet: the fees alone
    /// would read as "Financed $499.00 · $9.86/mo" on a blank deal.
    /// </summary>
    public static bool HasPayment(decimal price, bool hasVehicle) => hasVehicle || price > 0;

    /// <summary>Standard amortization: P·r / (1 − (1 + r)^−n), r the monthly rate.</summary>
    public static decimal MonthlyPayment(decimal principal, decimal aprPercent, int termMonths)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(termMonths, 1);
        if (principal <= 0) return 0m;
        var r = aprPercent / 100m / 12m;
        if (r == 0) return Cents(principal / termMonths);
        var growth = 1m;
        for (var i = 0; i < termMonths; i++) growth *= 1 + r;
        return Cents(principal * r * growth / (growth - 1));
    }
}
