using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Tenancy;

namespace DealDesk.Data.Quotes;

/// <summary>Between the stored quote (a <see cref="PricingScenario"/> and its <see cref="QuoteLine"/>s) and the editor's <see cref="QuoteInput"/>.</summary>
internal static class QuoteRecords
{
    public static QuoteTaxRules RulesOf(Dealership d) => new(d.DefaultTaxRate, d.TradeInReducesTaxable);

    /// <summary>The rules the stored figures were computed with: a re-read prices the quote exactly as its save did.</summary>
    public static QuoteTaxRules RulesOf(PricingScenario s) => new(s.TaxRate, s.TradeInReducesTaxable);

    public static QuoteInput InputOf(PricingScenario s, IEnumerable<QuoteLine> lines)
    {
        var byKind = lines.OrderBy(l => l.Position).ToLookup(l => l.Kind);
        return new QuoteInput
        {
            Kind = s.Kind, Price = s.Price, Discount = s.Discount, DownPayment = s.DownPayment, TermMonths = s.TermMonths, Apr = s.Apr,
            ResidualPercent = s.ResidualPercent, MoneyFactor = s.MoneyFactor, AnnualMiles = s.AnnualMiles, DueAtSigning = s.DueAtSigning,
            Currency = s.Currency,
            Rebates = [.. byKind[QuoteLineKind.Rebate].Select(l => new RebateLine(l.Name, l.Amount))],
            TradeIns = [.. byKind[QuoteLineKind.TradeIn].Select(l => new TradeInLine(l.Vin, l.Year, l.Make, l.Model, l.Amount, l.Payoff ?? 0m))],
            Products = [.. byKind[QuoteLineKind.Product].Select(l => new ProductLine(l.Name, l.Amount, l.Taxable))],
            Fees = [.. byKind[QuoteLineKind.Fee].Select(l => new FeeLine(l.Name, l.Amount, l.Taxable))],
        };
    }

    /// <summary>
    /// Stores the inputs and their figures on the scenario, its deal-page columns included (trade-in and fee sums, amount
    /// financed, payment: 0 for cash). Term and APR keep their stored value when the input has none.
    /// </summary>
    public static void Write(PricingScenario s, QuoteInput input, QuoteFigures f, QuoteTaxRules rules)
    {
        s.Kind = input.Kind!;
        s.Price = input.Price;
        s.Discount = input.Discount;
        s.DownPayment = input.DownPayment;
        s.TermMonths = input.TermMonths ?? s.TermMonths;
        s.Apr = input.Apr ?? s.Apr;
        s.ResidualPercent = input.ResidualPercent;
        s.MoneyFactor = input.MoneyFactor;
        s.AnnualMiles = input.AnnualMiles;
        s.DueAtSigning = input.DueAtSigning;
        s.Currency = input.Currency!;
        s.TaxRate = rules.TaxRate;
        s.TradeInReducesTaxable = rules.TradeInReducesTaxable;
        s.TradeInValue = f.TradeInAllowance;
        s.TradeInPayoff = f.TradeInAllowance - f.TradeEquity;
        s.Fees = f.FeesTotal;
        s.TaxableAmount = f.TaxableAmount;
        s.Tax = f.Tax;
        s.AmountFinanced = f.AmountFinanced;
        s.MonthlyPayment = f.MonthlyPayment ?? 0m;
        s.TotalOfPayments = f.TotalOfPayments;
        s.TotalCost = f.TotalCost;
        s.FrontGross = f.FrontGross;
    }

    /// <summary>The rows for the given line kinds of <paramref name="input"/> (all kinds when null).</summary>
    public static List<QuoteLine> LinesOf(Guid dealershipId, Guid quoteId, QuoteInput input, IReadOnlySet<string>? kinds = null)
    {
        var rows = new List<QuoteLine>();
        void Add(string kind, int position, QuoteLine line)
        {
            if (kinds is not null && !kinds.Contains(kind)) return;
            line.DealershipId = dealershipId;
            line.QuoteId = quoteId;
            line.Kind = kind;
            line.Position = position;
            rows.Add(line);
        }
        foreach (var (r, i) in (input.Rebates ?? []).Select((r, i) => (r, i)))
            Add(QuoteLineKind.Rebate, i, new QuoteLine { Name = r.Name?.Trim(), Amount = r.Amount });
        foreach (var (t, i) in (input.TradeIns ?? []).Select((t, i) => (t, i)))
            Add(QuoteLineKind.TradeIn, i, new QuoteLine
            {
                Vin = string.IsNullOrWhiteSpace(t.Vin) ? null : t.Vin.Trim(), Year = t.Year, Make = t.Make?.Trim(), Model = t.Model?.Trim(),
                Amount = t.Allowance, Payoff = t.Payoff,
            });
        foreach (var (p, i) in (input.Products ?? []).Select((p, i) => (p, i)))
            Add(QuoteLineKind.Product, i, new QuoteLine { Name = p.Name?.Trim(), Amount = p.Price, Taxable = p.Taxable });
        foreach (var (fee, i) in (input.Fees ?? []).Select((fee, i) => (fee, i)))
            Add(QuoteLineKind.Fee, i, new QuoteLine { Name = fee.Name?.Trim(), Amount = fee.Amount, Taxable = fee.Taxable });
        return rows;
    }

    /// <summary>
    /// The figures of a stored quote, recomputed with the rules it was saved with. Stored quotes were valid when saved,
    /// but one that cannot be priced (a deal's first scenario with its down payment above the amount due) still reads:
    /// its problems are what the next save reports.
    /// </summary>
    public static QuoteFigures FiguresOf(PricingScenario s, QuoteInput input, decimal? vehicleCost)
    {
        try
        {
            return QuoteCalculator.Evaluate(input, RulesOf(s), vehicleCost).Figures;
        }
        catch (DealDeskException)
        {
            // A required input of its kind is missing (never saved that way): the stored figures are all there is.
            return new QuoteFigures
            {
                Kind = s.Kind, SellingPrice = s.Price - s.Discount, TradeInAllowance = s.TradeInValue, TradeEquity = s.TradeInValue - s.TradeInPayoff,
                FeesTotal = s.Fees, TaxableAmount = s.TaxableAmount, Tax = s.Tax, DownPayment = s.DownPayment, AmountFinanced = s.AmountFinanced,
                MonthlyPayment = s.Kind == QuoteKind.Cash ? null : s.MonthlyPayment, TotalOfPayments = s.TotalOfPayments, TotalCost = s.TotalCost,
                FrontGross = s.FrontGross,
            };
        }
    }
}
