using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;
using static DealDesk.Tests.Quotes.QuoteKit;

namespace DealDesk.Tests.Quotes;

public sealed class QuoteCalculatorTests
{
    [Theory]
    [InlineData(25_000, 6.9, 60, 493.85)]
    [InlineData(20_000, 4, 60, 368.33)]
    [InlineData(12_000, 0, 48, 250.00)]
    public void A_finance_payment_matches_the_reference_amortization(decimal principal, decimal apr, int term, decimal expected)
    {
        Assert.Equal(expected, FinanceMath.MonthlyPayment(principal, apr, term));
        var figures = QuoteCalculator.Compute(Finance(principal, term, apr), NoTax);
        Assert.Equal(principal, figures.AmountFinanced);
        Assert.Equal(expected, figures.MonthlyPayment);
    }

    [Fact]
    public void Zero_percent_divides_the_amount_financed_evenly_and_rounds_the_payment_to_the_cent()
    {
        Assert.Equal(250.00m, QuoteCalculator.Compute(Finance(12_000m, 48, 0m), NoTax).MonthlyPayment);
        Assert.Equal(277.78m, QuoteCalculator.Compute(Finance(10_000m, 36, 0m), NoTax).MonthlyPayment); // 277.777…
    }

    [Fact]
    public void A_payment_exactly_half_a_cent_over_rounds_away_from_zero()
    {
        // 100.62 / 12 = 8.385: away from zero 8.39 (banker's rounding would give 8.38).
        Assert.Equal(8.39m, QuoteCalculator.Compute(Finance(100.62m, 12, 0m), NoTax).MonthlyPayment);
    }

    [Fact]
    public void Tax_is_rounded_once_on_the_whole_taxable_amount_not_per_line()
    {
        // Per line: 10,000.07 × 7.25 % = 725.005… → 725.01 and 0.07 × 7.25 % → 0.01, together 725.02.
        // Once on 10,000.14: 725.01015 → 725.01.
        var quote = Finance(10_000.07m) with { Fees = [new FeeLine("Doc fee", 0.07m, true)] };
        var figures = QuoteCalculator.Compute(quote, Tax725);
        Assert.Equal(10_000.14m, figures.TaxableAmount);
        Assert.Equal(725.01m, figures.Tax);
    }

    [Fact]
    public void Total_of_payments_is_the_rounded_payment_times_the_term_and_total_cost_adds_the_down_payment()
    {
        var figures = QuoteCalculator.Compute(Finance(27_000m) with { DownPayment = 2_000m }, NoTax);
        Assert.Equal(25_000m, figures.AmountFinanced);
        Assert.Equal(493.85m, figures.MonthlyPayment);
        Assert.Equal(493.85m * 60, figures.TotalOfPayments);
        Assert.Equal(2_000m + 29_631.00m, figures.TotalCost);
        Assert.Equal(2_000m, figures.DueAtSigning);
    }

    [Fact]
    public void Finance_figures_add_up_line_by_line()
    {
        var figures = QuoteCalculator.Compute(FullFinance(), Tax725);
        // Selling 29,000; taxable (29,000 − 12,000 allowance) + 1,995 + 499 = 19,494 → tax 1,413.315 → 1,413.32.
        Assert.Equal(29_000m, figures.SellingPrice);
        Assert.Equal(19_494m, figures.TaxableAmount);
        Assert.Equal(1_413.32m, figures.Tax);
        Assert.Equal(3_000m, figures.TradeEquity);
        // Due 29,000 + 1,413.32 + 749 fees + 2,790 products − 500 rebate − 3,000 equity = 30,452.32; less 2,000 down.
        Assert.Equal(30_452.32m, figures.AmountDue);
        Assert.Equal(28_452.32m, figures.AmountFinanced);
        Assert.Equal(FinanceMath.MonthlyPayment(28_452.32m, 6.9m, 60), figures.MonthlyPayment);
    }

    [Fact]
    public void Negative_trade_equity_rolls_into_the_amount_financed()
    {
        var quote = Finance() with { TradeIns = [new TradeInLine(null, 2016, "Ford", "Focus", 5_000m, 8_000m)] };
        var figures = QuoteCalculator.Compute(quote, NoTax);
        Assert.Equal(-3_000m, figures.TradeEquity);
        Assert.Equal(28_000m, figures.AmountFinanced);
    }

    [Fact]
    public void Negative_equity_does_not_undo_the_trade_in_tax_credit_which_is_on_the_allowance()
    {
        var quote = Finance() with { TradeIns = [new TradeInLine(null, 2016, "Ford", "Focus", 5_000m, 8_000m)] };
        var figures = QuoteCalculator.Compute(quote, Tax725);
        Assert.Equal(20_000m, figures.TaxableAmount);
        Assert.Equal(1_450m, figures.Tax);
        Assert.Equal(25_000m + 1_450m + 3_000m, figures.AmountFinanced);
    }

    [Theory]
    [InlineData(true, 20_000, 1_450)]
    [InlineData(false, 30_000, 2_175)]
    public void The_trade_in_allowance_reduces_the_taxable_amount_only_when_the_dealership_says_so(bool reduces, decimal taxable, decimal tax)
    {
        var quote = Finance(30_000m) with { TradeIns = [new TradeInLine(null, 2019, "Mazda", "3", 10_000m, 0m)] };
        var figures = QuoteCalculator.Compute(quote, new QuoteTaxRules(0.0725m, reduces));
        Assert.Equal(taxable, figures.TaxableAmount);
        Assert.Equal(tax, figures.Tax);
    }

    [Fact]
    public void A_trade_in_worth_more_than_the_vehicle_leaves_the_vehicle_untaxed_but_still_taxes_taxable_fees()
    {
        var quote = Finance(5_000m) with
        {
            TradeIns = [new TradeInLine(null, 2021, "Toyota", "RAV4", 8_000m, 4_000m)], Fees = [new FeeLine("Doc fee", 400m, true)],
        };
        var figures = QuoteCalculator.Compute(quote, Tax725);
        Assert.Equal(400m, figures.TaxableAmount);
        Assert.Equal(29m, figures.Tax);
    }

    [Fact]
    public void Non_taxable_products_and_fees_are_added_to_the_amount_due_but_not_taxed()
    {
        var quote = Finance(20_000m) with
        {
            Products = [new ProductLine("Service contract", 2_000m, true), new ProductLine("GAP", 800m, false)],
            Fees = [new FeeLine("Doc fee", 500m, true), new FeeLine("Title", 100m, false)],
        };
        var figures = QuoteCalculator.Compute(quote, Tax725);
        Assert.Equal(22_500m, figures.TaxableAmount);
        Assert.Equal(1_631.25m, figures.Tax);
        Assert.Equal(20_000m + 1_631.25m + 2_800m + 600m, figures.AmountFinanced);
    }

    [Fact]
    public void Rebates_reduce_the_amount_due_but_not_the_taxable_amount()
    {
        var figures = QuoteCalculator.Compute(Finance(20_000m) with { Rebates = [new RebateLine("Factory", 1_000m)] }, Tax725);
        Assert.Equal(20_000m, figures.TaxableAmount);
        Assert.Equal(20_000m + 1_450m - 1_000m, figures.AmountFinanced);
    }

    [Fact]
    public void A_cash_quote_totals_price_taxes_fees_and_products_less_rebates_and_trade_equity_and_has_no_payment()
    {
        var quote = Cash(30_000m) with
        {
            Discount = 1_000m,
            Rebates = [new RebateLine("Conquest", 500m)],
            TradeIns = [new TradeInLine(null, 2015, "Kia", "Soul", 4_000m, 1_000m)],
            Products = [new ProductLine("Tire and wheel", 1_000m, false)],
            Fees = [new FeeLine("Doc fee", 499m, true), new FeeLine("Registration", 250m, false)],
        };
        var figures = QuoteCalculator.Compute(quote, Tax725);
        // Taxable (29,000 − 4,000) + 499 = 25,499 → 1,848.6775 → 1,848.68.
        Assert.Equal(25_499m, figures.TaxableAmount);
        Assert.Equal(1_848.68m, figures.Tax);
        Assert.Equal(29_000m + 1_848.68m + 749m + 1_000m - 500m - 3_000m, figures.TotalCost);
        Assert.Equal(figures.TotalCost, figures.AmountDue);
        Assert.Equal(figures.TotalCost, figures.DueAtSigning);
        Assert.Null(figures.MonthlyPayment);
        Assert.Equal(0m, figures.AmountFinanced);
        Assert.Equal(0m, figures.TotalOfPayments);
        Assert.Null(figures.Depreciation);
    }

    [Fact]
    public void A_cash_quote_ignores_finance_and_lease_fields()
    {
        var plain = QuoteCalculator.Compute(Cash(), Tax725);
        var withLeftovers = QuoteCalculator.Compute(Cash() with { TermMonths = 60, Apr = 5m, MoneyFactor = 0.002m, ResidualPercent = 50m }, Tax725);
        Assert.Equal(plain, withLeftovers);
    }

    [Fact]
    public void Front_gross_is_the_selling_price_less_the_vehicle_cost_when_the_cost_is_known()
    {
        var quote = Finance(30_000m) with { Discount = 1_250m };
        Assert.Equal(1_750m, QuoteCalculator.Compute(quote, Tax725, vehicleCost: 27_000m).FrontGross);
        Assert.Null(QuoteCalculator.Compute(quote, Tax725).FrontGross);
        Assert.Equal(-500m, QuoteCalculator.Compute(quote, Tax725, vehicleCost: 29_250m).FrontGross);
    }

    [Fact]
    public void A_down_payment_above_the_amount_due_is_a_pricing_error_not_a_negative_amount_financed()
    {
        var e = Assert.Throws<DealDeskException>(() => QuoteCalculator.Compute(Finance(10_000m) with { DownPayment = 10_000.01m }, NoTax));
        Assert.Equal(ErrorCodes.PricingValidationFailed, e.Error.Code);
        Assert.Equal(400, e.Error.Status);
        Assert.True(Fields(e).ContainsKey("downPayment"));
    }

    [Fact]
    public void A_down_payment_of_exactly_the_amount_due_finances_nothing()
    {
        var figures = QuoteCalculator.Compute(Finance(10_000m) with { DownPayment = 10_000m }, NoTax);
        Assert.Equal(0m, figures.AmountFinanced);
        Assert.Equal(0m, figures.MonthlyPayment);
        Assert.Equal(10_000m, figures.TotalCost);
    }

    [Fact]
    public void Credits_above_the_amount_due_are_a_pricing_error()
    {
        var quote = Finance(10_000m) with { TradeIns = [new TradeInLine(null, 2020, "BMW", "X3", 15_000m, 0m)] };
        var e = Assert.Throws<DealDeskException>(() => QuoteCalculator.Compute(quote, NoTax));
        Assert.Equal(ErrorCodes.PricingValidationFailed, e.Error.Code);
        Assert.True(Fields(e).ContainsKey("tradeIns"));
    }

    [Fact]
    public void A_finance_quote_without_a_term_is_a_quote_validation_error()
    {
        var e = Assert.Throws<DealDeskException>(() => QuoteCalculator.Compute(Finance() with { TermMonths = null }, NoTax));
        Assert.Equal(ErrorCodes.QuoteValidationFailed, e.Error.Code);
        Assert.True(Fields(e).ContainsKey("termMonths"));
    }

    internal static IReadOnlyDictionary<string, string[]> Fields(DealDeskException e) =>
        (IReadOnlyDictionary<string, string[]>)e.Error.Details!["fields"]!;
}
