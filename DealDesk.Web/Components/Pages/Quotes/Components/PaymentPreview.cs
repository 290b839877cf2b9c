using DealDesk.Data.Pricing;
using DealDesk.Data.Tenancy;

namespace DealDesk.Web.Components.Pages.Quotes.Components;

/// <summary>
/// The payment the quote will save, worked out on the circuit as the salesperson types, with the same calculator
/// and the dealership's same tax and fee the service uses, so the number shown is the number saved.
/// </summary>
public sealed record PaymentPreview(decimal Price, decimal TaxRate, decimal Tax, decimal Fees, decimal TradeInValue, decimal DownPayment,
    decimal AmountFinanced, int TermMonths, decimal Apr, decimal MonthlyPayment)
{
    /// <summary>
    /// The figures for <paramref name="input"/>, or null while there is nothing sensible to show: no price yet,
    /// or a number the validator would refuse (the field says why; a payment next to it would contradict it).
    /// </summary>
    public static PaymentPreview? For(QuickQuoteInput input, Dealership dealership, IReadOnlyDictionary<string, string[]> errors)
    {
        if (input.EffectivePrice is not { } price || price <= 0) return null;
        if (errors.Keys.Any(k => k is QuoteFields.Price or QuoteFields.DownPayment or QuoteFields.TradeInValue or QuoteFields.TermMonths or QuoteFields.Apr))
            return null;
        var term = input.TermMonths ?? QuickQuoteInput.DefaultTermMonths;
        var apr = input.Apr ?? dealership.DefaultApr;
        var down = input.DownPayment ?? 0m;
        var tradeIn = input.TradeInValue ?? 0m;
        var figures = PaymentCalculator.Finance(price, down, tradeIn, 0, dealership.DefaultTaxRate, dealership.DocFee, term, apr);
        return new PaymentPreview(price, dealership.DefaultTaxRate, figures.Tax, dealership.DocFee, tradeIn, down,
            figures.AmountFinanced, term, apr, figures.MonthlyPayment);
    }
}
