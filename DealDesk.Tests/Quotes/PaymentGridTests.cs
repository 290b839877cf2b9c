using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;
using static DealDesk.Tests.Quotes.QuoteKit;

namespace DealDesk.Tests.Quotes;

public sealed class PaymentGridTests
{
    [Fact]
    public void The_grid_is_three_terms_by_three_down_payments_around_the_quote_and_each_cell_is_that_quotes_payment()
    {
        var quote = FullFinance();
        var grid = PaymentGrid.Build(quote, Tax725, 1_000m);
        Assert.Equal([48, 60, 72], grid.Terms);
        Assert.Equal([1_000m, 2_000m, 3_000m], grid.DownPayments);
        Assert.Equal(3, grid.Payments.Count);
        Assert.All(grid.Payments, row => Assert.Equal(3, row.Count));
        for (var row = 0; row < 3; row++)
            for (var column = 0; column < 3; column++)
            {
                var cell = quote with { TermMonths = grid.Terms[column], DownPayment = grid.DownPayments[row] };
                Assert.Equal(QuoteCalculator.Compute(cell, Tax725).MonthlyPayment, grid.Payments[row][column]);
            }
        Assert.Equal(QuoteCalculator.Compute(quote, Tax725).MonthlyPayment, grid.PaymentFor(60, 2_000m));
    }

    [Fact]
    public void Payments_fall_with_a_longer_term_and_a_larger_down_payment()
    {
        var grid = PaymentGrid.Build(FullFinance(), Tax725, 1_000m);
        for (var row = 0; row < 3; row++)
            for (var column = 0; column < 3; column++)
            {
                if (column > 0) Assert.True(grid.Payments[row][column] < grid.Payments[row][column - 1]);
                if (row > 0) Assert.True(grid.Payments[row][column] < grid.Payments[row - 1][column]);
            }
    }

    [Theory]
    [InlineData(60, 48, 60, 72)]
    [InlineData(12, 12, 24, 36)]
    [InlineData(18, 18, 30, 42)]
    [InlineData(24, 12, 24, 36)]
    [InlineData(84, 72, 84, 96)]
    [InlineData(90, 66, 78, 90)]
    [InlineData(96, 72, 84, 96)]
    public void Terms_stay_within_12_to_96_months_and_keep_the_current_term(int current, int first, int second, int third)
    {
        Assert.Equal([first, second, third], PaymentGrid.TermsAround(current));
    }

    [Theory]
    [InlineData(2_000, 1_000, 2_000, 3_000)]
    [InlineData(1_000, 0, 1_000, 2_000)]
    [InlineData(500, 0, 500, 1_500)]
    [InlineData(0, 0, 1_000, 2_000)]
    public void Down_payments_step_around_the_current_one_and_never_go_below_zero(decimal current, decimal first, decimal second, decimal third)
    {
        Assert.Equal([first, second, third], PaymentGrid.DownPaymentsAround(current, 1_000m));
    }

    [Fact]
    public void The_down_payment_step_comes_from_the_dealership_settings()
    {
        Assert.Equal([1_500m, 2_000m, 2_500m], PaymentGrid.DownPaymentsAround(2_000m, 500m));
        Assert.Throws<ArgumentOutOfRangeException>(() => PaymentGrid.DownPaymentsAround(2_000m, 0m));
    }

    [Fact]
    public void A_cell_whose_down_payment_is_more_than_the_amount_due_is_empty()
    {
        var grid = PaymentGrid.Build(Finance(2_500m, 24, 5m) with { DownPayment = 2_000m }, NoTax, 1_000m);
        Assert.Equal([1_000m, 2_000m, 3_000m], grid.DownPayments);
        Assert.All(grid.Payments[2], Assert.Null);
        Assert.All(grid.Payments[1], p => Assert.NotNull(p));
    }

    [Fact]
    public void A_lease_grid_varies_term_and_down_payment_with_the_same_residual_percentage()
    {
        var grid = PaymentGrid.Build(Lease(), Tax725, 1_000m);
        Assert.Equal([24, 36, 48], grid.Terms);
        Assert.Equal([0m, 1_000m, 2_000m], grid.DownPayments);
        Assert.Equal(249.66m, grid.PaymentFor(36, 0m));
        Assert.Equal(QuoteCalculator.Compute(Lease() with { TermMonths = 48, DownPayment = 2_000m }, Tax725).MonthlyPayment,
            grid.PaymentFor(48, 2_000m));
    }

    [Fact]
    public void A_lease_given_due_at_signing_centres_the_grid_on_the_down_payment_it_makes()
    {
        var quote = Lease() with { DueAtSigning = 2_000m };
        var down = QuoteCalculator.Compute(quote, Tax725).DownPayment;
        var grid = PaymentGrid.Build(quote, Tax725, 1_000m);
        Assert.Equal(down, grid.DownPayments[1]);
        Assert.Equal(QuoteCalculator.Compute(quote, Tax725).MonthlyPayment, grid.PaymentFor(36, down));
    }

    [Fact]
    public void A_cash_quote_has_no_payment_grid()
    {
        var e = Assert.Throws<DealDeskException>(() => PaymentGrid.Build(Cash(), Tax725, 1_000m));
        Assert.Equal(ErrorCodes.PricingValidationFailed, e.Error.Code);
    }
}
