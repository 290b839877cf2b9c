using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;
using static DealDesk.Tests.Quotes.QuoteKit;

namespace DealDesk.Tests.Quotes;

public sealed class LeaseTests
{
    [Fact]
    public void The_Edmunds_example_is_191_39_depreciation_plus_41_39_rent_charge_232_78_before_tax()
    {
        var payment = LeaseMath.Payment(20_000m, 13_110m, 36, 0.00125m, 0m);
        Assert.Equal(191.39m, payment.Depreciation);
        Assert.Equal(41.39m, payment.RentCharge);
        Assert.Equal(232.78m, payment.BasePayment);
        Assert.Equal(232.78m, payment.MonthlyPayment);
    }

    [Fact]
    public void The_Edmunds_example_through_the_calculator_gives_the_same_figures_and_the_apr_equivalent()
    {
        var figures = QuoteCalculator.Compute(Lease(), NoTax);
        Assert.Equal(13_110m, figures.ResidualValue);
        Assert.Equal(20_000m, figures.AdjustedCapCost);
        Assert.Equal(20_000m, figures.AmountFinanced);
        Assert.Equal(191.39m, figures.Depreciation);
        Assert.Equal(41.39m, figures.RentCharge);
        Assert.Equal(232.78m, figures.MonthlyPayment);
        Assert.Equal(3.0m, figures.AprEquivalent); // 0.00125 × 2400
        Assert.Equal(232.78m * 36, figures.TotalOfPayments);
    }

    [Fact]
    public void Money_factor_and_apr_convert_at_2400()
    {
        Assert.Equal(3m, LeaseMath.AprEquivalent(0.00125m));
        Assert.Equal(0.00125m, LeaseMath.MoneyFactorFor(3m));
    }

    [Fact]
    public void Lease_tax_is_on_each_monthly_payment_at_the_dealership_rate()
    {
        var figures = QuoteCalculator.Compute(Lease(), Tax725);
        // 232.78 × 7.25 % = 16.87655 → 16.88.
        Assert.Equal(232.78m, figures.BasePayment);
        Assert.Equal(16.88m, figures.MonthlyTax);
        Assert.Equal(249.66m, figures.MonthlyPayment);
        Assert.Equal(16.88m * 36, figures.Tax);
        Assert.Equal(232.78m * 36, figures.TaxableAmount);
    }

    [Fact]
    public void Depreciation_and_rent_charge_are_rounded_each_on_its_own()
    {
        // (20,000.60 − 10,000) / 36 = 277.794… → 277.79; 30,000.60 × 0.001 = 30.0006 → 30.00: 307.79,
        // where rounding the unrounded sum 307.7950… would give 307.80.
        var payment = LeaseMath.Payment(20_000.60m, 10_000m, 36, 0.001m, 0m);
        Assert.Equal(277.79m, payment.Depreciation);
        Assert.Equal(30.00m, payment.RentCharge);
        Assert.Equal(307.79m, payment.MonthlyPayment);
    }

    [Fact]
    public void The_residual_value_is_a_percentage_of_the_price_before_discount_rounded_to_the_cent()
    {
        Assert.Equal(13_487.65m, LeaseMath.ResidualValue(23_456.78m, 57.5m)); // 13,487.6485
        Assert.Equal(13_110m, QuoteCalculator.Compute(Lease(discount: 5_000m), NoTax).ResidualValue);
    }

    [Fact]
    public void Fees_products_and_negative_equity_are_capitalized_and_rebates_positive_equity_and_down_reduce_the_cap_cost()
    {
        var quote = Lease() with
        {
            Fees = [new FeeLine("Acquisition fee", 695m, true)],
            Products = [new ProductLine("Wear and tear", 600m, false)],
            Rebates = [new RebateLine("Lease cash", 1_000m)],
            TradeIns = [new TradeInLine(null, 2017, "VW", "Golf", 6_000m, 4_500m)],
            DownPayment = 1_000m,
        };
        var figures = QuoteCalculator.Compute(quote, NoTax);
        Assert.Equal(20_000m + 695m + 600m, figures.GrossCapCost);
        Assert.Equal(1_000m + 1_500m + 1_000m, figures.CapCostReduction);
        Assert.Equal(17_795m, figures.AdjustedCapCost);
        Assert.Equal(LeaseMath.Payment(17_795m, 13_110m, 36, 0.00125m, 0m).MonthlyPayment, figures.MonthlyPayment);
        Assert.Equal(1_000m + figures.MonthlyPayment, figures.DueAtSigning);
        Assert.Equal(1_000m + figures.TotalOfPayments, figures.TotalCost);

        var underwater = QuoteCalculator.Compute(Lease() with { TradeIns = [new TradeInLine(null, 2017, "VW", "Golf", 3_000m, 4_500m)] }, NoTax);
        Assert.Equal(21_500m, underwater.GrossCapCost);
        Assert.Equal(21_500m, underwater.AdjustedCapCost);
    }

    [Fact]
    public void Due_at_signing_pays_the_first_month_and_the_rest_becomes_the_down_payment()
    {
        var figures = QuoteCalculator.Compute(Lease() with { DueAtSigning = 2_000m }, Tax725);
        Assert.True(figures.DownPayment > 0);
        Assert.Equal(figures.DownPayment + figures.MonthlyPayment, figures.DueAtSigning);
        Assert.Equal(2_000m, figures.DueAtSigning);
        // The largest down payment that fits: one cent more would ask more than 2,000 at signing.
        var oneCentMore = QuoteCalculator.Compute(Lease() with { DownPayment = figures.DownPayment + 0.01m }, Tax725);
        Assert.True(oneCentMore.DueAtSigning > 2_000m);
        // And the same as sending that down payment directly.
        Assert.Equal(figures, QuoteCalculator.Compute(Lease() with { DownPayment = figures.DownPayment }, Tax725));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1_234.56)]
    [InlineData(4_999.99)]
    public void Due_at_signing_is_matched_to_the_cent(decimal dueAtSigning)
    {
        var figures = QuoteCalculator.Compute(Lease() with { DueAtSigning = dueAtSigning }, Tax725);
        Assert.Equal(dueAtSigning, figures.DueAtSigning);
    }

    [Fact]
    public void Due_at_signing_of_exactly_the_first_payment_is_a_sign_and_drive_lease_with_no_down_payment()
    {
        var figures = QuoteCalculator.Compute(Lease() with { DueAtSigning = 249.66m }, Tax725);
        Assert.Equal(0m, figures.DownPayment);
        Assert.Equal(249.66m, figures.DueAtSigning);
    }

    [Fact]
    public void Due_at_signing_below_the_first_payment_is_a_pricing_error()
    {
        var e = Assert.Throws<DealDeskException>(() => QuoteCalculator.Compute(Lease() with { DueAtSigning = 249.65m }, Tax725));
        Assert.Equal(ErrorCodes.PricingValidationFailed, e.Error.Code);
        Assert.Contains("249.66", QuoteCalculatorTests.Fields(e)["dueAtSigning"][0]);
    }

    [Fact]
    public void A_lease_down_payment_may_pay_off_the_depreciation_but_no_more()
    {
        var all = QuoteCalculator.Compute(Lease() with { DownPayment = 6_890m }, NoTax);
        Assert.Equal(0m, all.Depreciation);
        Assert.Equal(32.78m, all.MonthlyPayment); // rent only: 26,220 × 0.00125 = 32.775
        var e = Assert.Throws<DealDeskException>(() => QuoteCalculator.Compute(Lease() with { DownPayment = 6_890.01m }, NoTax));
        Assert.True(QuoteCalculatorTests.Fields(e).ContainsKey("downPayment"));
    }

    [Fact]
    public void A_residual_above_the_capitalized_cost_is_a_pricing_error()
    {
        var e = Assert.Throws<DealDeskException>(() => QuoteCalculator.Compute(Lease() with { ResidualPercent = 90m }, NoTax));
        Assert.Equal(ErrorCodes.PricingValidationFailed, e.Error.Code);
        Assert.True(QuoteCalculatorTests.Fields(e).ContainsKey("residualPercent"));
    }

    [Fact]
    public void The_lease_closed_form_inverse_recovers_the_adjusted_cap_cost()
    {
        // The Edmunds payment before rounding: 6,890 / 36 + 33,110 × 0.00125, and with 7.25 % tax on top.
        var exactBase = 6_890m / 36 + 33_110m * 0.00125m;
        Assert.Equal(20_000m, Math.Round(LeaseMath.AdjustedCapCostFor(exactBase, 13_110m, 36, 0.00125m, 0m), 10));
        Assert.Equal(20_000m, Math.Round(LeaseMath.AdjustedCapCostFor(exactBase * 1.0725m, 13_110m, 36, 0.00125m, 0.0725m), 10));
    }
}
