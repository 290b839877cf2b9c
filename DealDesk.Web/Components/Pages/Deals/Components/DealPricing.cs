using DealDesk.Data.Pricing;
using DealDesk.Data.Tenancy;

namespace DealDesk.Web.Components.Pages.Deals.Components;

/// <summary>The first scenario's figures as the dialog previews them, with the defaults the service would fill in.</summary>
public sealed record DealPricing(decimal Price, int TermMonths, decimal Apr, decimal AmountDue, FinanceFigures Figures)
{
    public const int DefaultTerm = 60;

    /// <summary>Null until there is a price (typed, or the chosen vehicle's) and a term the maths can use.</summary>
    public static DealPricing? For(DealDraft draft, Dealership? dealership)
    {
        var price = draft.Price ?? (draft.NoVehicle ? null : draft.Vehicle?.Price);
        var term = draft.TermMonths ?? DefaultTerm;
        if (price is null || price < 0 || term is < 1 or > 600) return null;
        var apr = draft.Apr ?? dealership?.DefaultApr ?? 0m;
        if (apr is < 0 or > 100) return null;
        var taxRate = dealership?.DefaultTaxRate ?? 0m;
        var fees = dealership?.DocFee ?? 0m;
        var tradeValue = draft.TradeInValue ?? 0m;
        var payoff = draft.TradeInPayoff ?? 0m;
        // What the buyer owes before any down payment: the most a down payment can cover.
        var due = PaymentCalculator.Finance(price.Value, 0m, tradeValue, payoff, taxRate, fees, term, apr).AmountFinanced;
        var figures = PaymentCalculator.Finance(price.Value, draft.DownPayment ?? 0m, tradeValue, payoff, taxRate, fees, term, apr);
        return new DealPricing(price.Value, term, apr, due, figures);
    }

    /// <summary>
    /// Rules that need the dealership's tax and fees, so the validator cannot check them: a down payment larger
    /// than the amount due. Integration point: the service refuses the same (data-fixes, PaymentCalculator.AmountDue).
    /// </summary>
    public static IEnumerable<(string Path, string Message)> Rules(DealDraft draft, Dealership? dealership)
    {
        if (draft.DownPayment is { } down && For(draft, dealership) is { } pricing && down > pricing.AmountDue)
            yield return (DealFieldErrors.DownPayment,
                $"Down payment can't be more than the amount due ({DealMoney.Format(pricing.AmountDue)}).");
    }
}
