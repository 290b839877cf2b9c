using System.Globalization;
using DealDesk.Data.Errors;
using static DealDesk.Data.Pricing.PaymentCalculator;

namespace DealDesk.Data.Quotes;

/// <summary>
/// The quote's figures, computed on the server in <c>decimal</c>. Inputs are whole cents (the validator enforces it).
/// <para><b>Finance and cash</b>: selling price = price − discount; taxable amount = max(0, selling price − trade-in
/// allowance when <see cref="QuoteTaxRules.TradeInReducesTaxable"/>) + taxable products + taxable fees (rebates do not
/// reduce it, as in most states); amount due = selling price + tax + fees + products − rebates − trade equity (negative
/// equity so adds to it). Finance: amount financed = amount due − down payment, payment by standard amortization,
/// total of payments = payment × term, total cost = down payment + total of payments. Cash: no payment, total cost =
/// amount due.</para>
/// <para><b>Lease</b> (<see cref="LeaseMath"/>): gross cap cost = selling price + fees + products + negative equity (all
/// capitalized); cap cost reduction = rebates + positive equity + down payment; residual = price × residual %. The tax
/// is on each monthly payment at the dealership rate, so the products' and fees' Taxable flags and the trade-in tax
/// credit do not apply (the trade's equity lowers the payment, and so the tax, instead). Total of payments = payment ×
/// term, total cost = down payment + total of payments, due at signing = down payment + first payment.</para>
/// <para><b>Rounding points</b> (to the cent, midpoint away from zero, nowhere else): (1) the sales tax, once, on the
/// whole taxable amount (not per line); (2) the finance payment; (3) the lease's residual value, depreciation, rent
/// charge and monthly tax, each on its own. Everything else is a sum or whole-number multiple of cents and so exact;
/// total of payments is the rounded payment × term (no odd last payment).</para>
/// </summary>
public static class QuoteCalculator
{
    /// <summary>
    /// The figures of a validated quote. A quote that cannot be priced (down payment above the amount due, ...)
    /// throws PRICING_VALIDATION_FAILED; a missing term/APR/... throws QUOTE_VALIDATION_FAILED.
    /// </summary>
    public static QuoteFigures Compute(QuoteInput input, QuoteTaxRules rules, decimal? vehicleCost = null)
    {
        var (figures, problems) = Evaluate(input, rules, vehicleCost);
        if (problems.Count > 0) throw new DealDeskException(QuoteErrors.PricingValidation(problems));
        return figures;
    }

    /// <summary>The figures and, rather than an exception, what makes them unusable (grid cells and the solver probe such inputs).</summary>
    internal static (QuoteFigures Figures, IReadOnlyList<PricingProblem> Problems) Evaluate(QuoteInput input, QuoteTaxRules rules, decimal? vehicleCost)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);
        var lines = LineTotals.Of(input);
        return input.Kind switch
        {
            QuoteKind.Finance or QuoteKind.Cash => FinanceOrCash(input, rules, vehicleCost, lines),
            QuoteKind.Lease => Lease(input, rules, vehicleCost, lines),
            _ => throw Missing(nameof(QuoteInput.Kind), "Choose finance, lease or cash."),
        };
    }

    static (QuoteFigures, IReadOnlyList<PricingProblem>) FinanceOrCash(QuoteInput input, QuoteTaxRules rules, decimal? vehicleCost, LineTotals lines)
    {
        var finance = input.Kind == QuoteKind.Finance;
        var term = finance ? input.TermMonths ?? throw Missing(nameof(QuoteInput.TermMonths), "Enter the term.") : 0;
        var apr = finance ? input.Apr ?? throw Missing(nameof(QuoteInput.Apr), "Enter the APR.") : 0;

        var selling = input.Price - input.Discount;
        var tradeCredit = rules.TradeInReducesTaxable ? lines.Allowance : 0m;
        var taxable = Math.Max(0, selling - tradeCredit) + lines.TaxableProducts + lines.TaxableFees;
        var tax = Cents(taxable * rules.TaxRate);
        var amountDue = selling + tax + lines.Fees + lines.Products - lines.Rebates - lines.Equity;

        var problems = new List<PricingProblem>();
        if (amountDue < 0)
            problems.Add(new(lines.Rebates > 0 ? nameof(QuoteInput.Rebates) : nameof(QuoteInput.TradeIns),
                $"Rebates and trade-in equity ({Money(lines.Rebates + Math.Max(0, lines.Equity))}) are more than the selling price, tax, fees and products."));
        else if (input.DownPayment > amountDue)
            problems.Add(new(nameof(QuoteInput.DownPayment), $"The down payment can be at most {Money(amountDue)}, the amount due."));

        var financed = finance ? Math.Max(0, amountDue - input.DownPayment) : 0m;
        decimal? payment = finance ? FinanceMath.MonthlyPayment(financed, apr, term) : null;
        var totalOfPayments = (payment ?? 0m) * term;
        var figures = new QuoteFigures
        {
            Kind = input.Kind!,
            SellingPrice = selling,
            RebatesTotal = lines.Rebates,
            TradeInAllowance = lines.Allowance,
            TradeEquity = lines.Equity,
            ProductsTotal = lines.Products,
            FeesTotal = lines.Fees,
            TaxableAmount = taxable,
            Tax = tax,
            AmountDue = amountDue,
            DownPayment = input.DownPayment,
            AmountFinanced = financed,
            MonthlyPayment = payment,
            TotalOfPayments = totalOfPayments,
            TotalCost = finance ? input.DownPayment + totalOfPayments : amountDue,
            DueAtSigning = finance ? input.DownPayment : amountDue,
            FrontGross = selling - vehicleCost,
        };
        return (figures, problems);
    }

    static (QuoteFigures, IReadOnlyList<PricingProblem>) Lease(QuoteInput input, QuoteTaxRules rules, decimal? vehicleCost, LineTotals lines)
    {
        var term = input.TermMonths ?? throw Missing(nameof(QuoteInput.TermMonths), "Enter the term.");
        var residualPercent = input.ResidualPercent ?? throw Missing(nameof(QuoteInput.ResidualPercent), "Enter the residual.");
        var moneyFactor = input.MoneyFactor ?? throw Missing(nameof(QuoteInput.MoneyFactor), "Enter the money factor.");

        var selling = input.Price - input.Discount;
        var grossCap = selling + lines.Fees + lines.Products + Math.Max(0, -lines.Equity);
        var capBeforeDown = grossCap - lines.Rebates - Math.Max(0, lines.Equity);
        var residual = LeaseMath.ResidualValue(input.Price, residualPercent);
        var amountDue = capBeforeDown - residual;

        var problems = new List<PricingProblem>();
        var down = input.DownPayment;
        if (amountDue < 0)
            problems.Add(new(nameof(QuoteInput.ResidualPercent),
                $"The residual value ({Money(residual)}) is more than the capitalized cost after rebates and trade-in ({Money(capBeforeDown)})."));
        else if (input.DueAtSigning is { } dueAtSigning)
        {
            var split = LeaseMath.DownPaymentFor(dueAtSigning, capBeforeDown, amountDue, residual, term, moneyFactor, rules.TaxRate);
            if (split is { } d) down = d;
            else
            {
                var first = LeaseMath.Payment(capBeforeDown, residual, term, moneyFactor, rules.TaxRate).MonthlyPayment;
                var most = amountDue + LeaseMath.Payment(capBeforeDown - amountDue, residual, term, moneyFactor, rules.TaxRate).MonthlyPayment;
                problems.Add(new(nameof(QuoteInput.DueAtSigning), dueAtSigning < first
                    ? $"Due at signing must at least cover the first payment ({Money(first)})."
                    : $"Due at signing can be at most {Money(most)} (the whole depreciation paid up front)."));
                down = 0;
            }
        }
        else if (down > amountDue)
            problems.Add(new(nameof(QuoteInput.DownPayment),
                $"The down payment can be at most {Money(amountDue)}, the capitalized cost above the residual value."));

        var adjustedCap = capBeforeDown - down;
        var lease = LeaseMath.Payment(adjustedCap, residual, term, moneyFactor, rules.TaxRate);
        var totalOfPayments = lease.MonthlyPayment * term;
        var figures = new QuoteFigures
        {
            Kind = QuoteKind.Lease,
            SellingPrice = selling,
            RebatesTotal = lines.Rebates,
            TradeInAllowance = lines.Allowance,
            TradeEquity = lines.Equity,
            ProductsTotal = lines.Products,
            FeesTotal = lines.Fees,
            TaxableAmount = lease.BasePayment * term,
            Tax = lease.MonthlyTax * term,
            AmountDue = amountDue,
            DownPayment = down,
            AmountFinanced = adjustedCap,
            MonthlyPayment = lease.MonthlyPayment,
            TotalOfPayments = totalOfPayments,
            TotalCost = down + totalOfPayments,
            DueAtSigning = down + lease.MonthlyPayment,
            FrontGross = selling - vehicleCost,
            ResidualValue = residual,
            GrossCapCost = grossCap,
            CapCostReduction = grossCap - adjustedCap,
            AdjustedCapCost = adjustedCap,
            Depreciation = lease.Depreciation,
            RentCharge = lease.RentCharge,
            BasePayment = lease.BasePayment,
            MonthlyTax = lease.MonthlyTax,
            AprEquivalent = LeaseMath.AprEquivalent(moneyFactor),
        };
        return (figures, problems);
    }

    internal static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

    static DealDeskException Missing(string field, string message) =>
        new(QuoteErrors.Validation(new Dictionary<string, string[]> { [Validation.CamelPath(field)] = [message] }));

    readonly record struct LineTotals(decimal Rebates, decimal Allowance, decimal Equity, decimal Products, decimal TaxableProducts,
        decimal Fees, decimal TaxableFees)
    {
        public static LineTotals Of(QuoteInput q)
        {
            IReadOnlyList<RebateLine> rebates = q.Rebates ?? [];
            IReadOnlyList<TradeInLine> trades = q.TradeIns ?? [];
            IReadOnlyList<ProductLine> products = q.Products ?? [];
            IReadOnlyList<FeeLine> fees = q.Fees ?? [];
            return new(rebates.Sum(r => r.Amount), trades.Sum(t => t.Allowance), trades.Sum(t => t.Equity),
                products.Sum(p => p.Price), products.Where(p => p.Taxable).Sum(p => p.Price),
                fees.Sum(f => f.Amount), fees.Where(f => f.Taxable).Sum(f => f.Amount));
        }
    }
}
