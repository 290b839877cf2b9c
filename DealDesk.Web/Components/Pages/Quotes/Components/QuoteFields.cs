using DealDesk.Data.Errors;
using DealDesk.Data.Pricing;
using DealDesk.Data.QuickQuotes;
using DealDesk.Data.Tenancy;
using FluentValidation;

namespace DealDesk.Web.Components.Pages.Quotes.Components;

/// <summary>
/// The quick-quote fields by the names the service's errors use (camelCase paths), and their messages as the
/// salesperson types: the service's own validator, plus the down-payment limit the service checks once it knows
/// the price (<see cref="DownPaymentRule"/>), so the form refuses exactly what saving would.
/// </summary>
public static class QuoteFields
{
    public const string CustomerName = "customerName";
    public const string CustomerPhone = "customerPhone";
    public const string Vehicle = "vehicleId";
    public const string Price = "price";
    public const string DownPayment = "downPayment";
    public const string TradeInValue = "tradeInValue";
    public const string TermMonths = "termMonths";
    public const string Apr = "apr";

    /// <summary>In the order the form shows them (the first one with an error gets the focus).</summary>
    public static readonly string[] All = [CustomerName, CustomerPhone, Vehicle, Price, DownPayment, TradeInValue, TermMonths, Apr];

    public static Dictionary<string, string[]> Check(QuickQuoteInput input, IValidator<QuickQuoteRequest> validator, Dealership dealership)
    {
        var errors = validator.Validate(Data.Customers.PhoneRegion.Context(input.ToRequest(), dealership.Country)).Errors
            .GroupBy(e => Validation.CamelPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        if (!errors.ContainsKey(DownPayment) && input.DownPayment is { } down && input.EffectivePrice is { } price && price > 0
            && !errors.ContainsKey(TradeInValue))
        {
            var due = PaymentCalculator.AmountDue(price, input.TradeInValue ?? 0m, 0, dealership.DefaultTaxRate, dealership.DocFee);
            if (!DownPaymentRule.Fits(down, due)) errors[DownPayment] = [DownPaymentRule.Message(due)];
        }
        return errors;
    }
}
