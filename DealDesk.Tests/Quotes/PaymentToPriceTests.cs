using DealDesk.Data.Quotes;
using static DealDesk.Tests.Quotes.QuoteKit;

namespace DealDesk.Tests.Quotes;

public sealed class PaymentToPriceTests
{
    const decimal VehicleCost = 26_500m;

    public static TheoryData<string, decimal, RollbackLever> Cases()
    {
        var data = new TheoryData<string, decimal, RollbackLever>();
        foreach (var lever in new[] { RollbackLever.SellingPriceDiscount, RollbackLever.DownPayment })
        {
            foreach (var target in new[] { 350.00m, 412.37m, 480.01m, 500.00m }) data.Add("finance", target, lever);
            foreach (var target in new[] { 150.00m, 199.99m, 222.22m, 240.00m }) data.Add("lease", target, lever);
        }
        return data;
    }

    static QuoteInput Quote(string kind) => kind == "lease"
        ? Lease() with { Fees = [new FeeLine("Acquisition fee", 695m, true)], DownPayment = 500m }
        : FullFinance();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Solving_for_a_target_then_recomputing_gives_the_target_payment(string kind, decimal target, RollbackLever lever)
    {
        var quote = Quote(kind);
        var solved = Assert.IsType<PaymentToPriceResult.Solved>(PaymentToPrice.Solve(quote, Tax725, target, lever, VehicleCost));

        var recomputed = QuoteCalculator.Compute(solved.Input, Tax725, VehicleCost);
        Assert.Equal(recomputed, solved.Figures);
        Assert.True(recomputed.MonthlyPayment <= target);
        Assert.Equal(solved.Exact, recomputed.MonthlyPayment == target);
        // The smallest lever value that gets there: one cent less pays more than the target.
        var moved = lever == RollbackLever.DownPayment ? solved.DownPayment : solved.Discount;
        Assert.True(moved > 0);
        var oneCentLess = lever == RollbackLever.DownPayment
            ? solved.Input with { DownPayment = moved - 0.01m }
            : solved.Input with { Discount = moved - 0.01m };
        Assert.True(QuoteCalculator.Compute(oneCentLess, Tax725).MonthlyPayment > target);
        // Only the lever moved, and the front gross follows the discount.
        Assert.Equal(lever == RollbackLever.DownPayment ? quote.Discount : quote.DownPayment,
            lever == RollbackLever.DownPayment ? solved.Discount : solved.DownPayment);
        Assert.Equal(quote.Price - solved.Discount - VehicleCost, solved.FrontGross);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Finance_targets_are_always_met_exactly(string kind, decimal target, RollbackLever lever)
    {
        if (kind != "finance") return;
        var solved = Assert.IsType<PaymentToPriceResult.Solved>(PaymentToPrice.Solve(Quote(kind), Tax725, target, lever, VehicleCost));
        Assert.True(solved.Exact);
        Assert.Equal(target, solved.MonthlyPayment);
    }

    [Fact]
    public void Payment_to_price_on_the_reference_loan_finds_the_discount_for_a_round_payment()
    {
        // 25,000 at 6.9 % for 60 months is 493.85; 450.00 needs about 25,000 × 450 / 493.85 ≈ 22,780 financed.
        var solved = Assert.IsType<PaymentToPriceResult.Solved>(
            PaymentToPrice.Solve(Finance(), NoTax, 450m, RollbackLever.SellingPriceDiscount, 22_000m));
        Assert.True(solved.Exact);
        Assert.InRange(solved.Discount, 2_215m, 2_225m);
        Assert.Equal(25_000m - solved.Discount - 22_000m, solved.FrontGross);
    }

    [Fact]
    public void A_target_above_the_payment_with_no_discount_is_infeasible_not_a_markup()
    {
        var result = PaymentToPrice.Solve(FullFinance(), Tax725, 900m, RollbackLever.SellingPriceDiscount);
        var infeasible = Assert.IsType<PaymentToPriceResult.Infeasible>(result);
        Assert.Equal(RollbackProblem.DiscountBelowZero, infeasible.Problem);
        Assert.Equal(QuoteCalculator.Compute(FullFinance() with { Discount = 0 }, Tax725).MonthlyPayment, infeasible.ClosestPayment);
    }

    [Fact]
    public void A_target_the_whole_price_as_discount_cannot_reach_is_infeasible()
    {
        // At a selling price of 0 the fees and products (3,000 plus tax on 1,000) are still financed: about 59 a month.
        var quote = Finance(20_000m) with
        {
            Fees = [new FeeLine("Doc fee", 1_000m, true)], Products = [new ProductLine("Service contract", 2_000m, false)],
        };
        var result = PaymentToPrice.Solve(quote, Tax725, 10m, RollbackLever.SellingPriceDiscount);
        var infeasible = Assert.IsType<PaymentToPriceResult.Infeasible>(result);
        Assert.Equal(RollbackProblem.DiscountTooLarge, infeasible.Problem);
        Assert.Equal(QuoteCalculator.Compute(quote with { Discount = 20_000m }, Tax725).MonthlyPayment, infeasible.ClosestPayment);
    }

    [Fact]
    public void A_target_above_the_payment_with_no_down_payment_is_infeasible()
    {
        var result = PaymentToPrice.Solve(FullFinance(), Tax725, 900m, RollbackLever.DownPayment);
        Assert.Equal(RollbackProblem.DownPaymentBelowZero, Assert.IsType<PaymentToPriceResult.Infeasible>(result).Problem);
    }

    [Fact]
    public void A_lease_target_below_the_rent_charge_alone_would_need_a_down_payment_above_the_amount_due()
    {
        var result = PaymentToPrice.Solve(Lease(), Tax725, 30m, RollbackLever.DownPayment);
        var infeasible = Assert.IsType<PaymentToPriceResult.Infeasible>(result);
        Assert.Equal(RollbackProblem.DownPaymentAboveAmountDue, infeasible.Problem);
        Assert.Equal(QuoteCalculator.Compute(Lease() with { DownPayment = 6_890m }, Tax725).MonthlyPayment, infeasible.ClosestPayment);
    }

    [Fact]
    public void A_lease_discount_stops_where_the_cap_cost_reaches_the_residual()
    {
        var result = PaymentToPrice.Solve(Lease(), Tax725, 30m, RollbackLever.SellingPriceDiscount);
        Assert.Equal(RollbackProblem.DiscountTooLarge, Assert.IsType<PaymentToPriceResult.Infeasible>(result).Problem);
    }

    [Fact]
    public void A_target_equal_to_the_payment_with_no_down_payment_needs_no_down_payment()
    {
        var current = QuoteCalculator.Compute(Finance(), NoTax).MonthlyPayment!.Value;
        var solved = Assert.IsType<PaymentToPriceResult.Solved>(PaymentToPrice.Solve(Finance(), NoTax, current, RollbackLever.DownPayment));
        Assert.Equal(0m, solved.DownPayment);
        Assert.Equal(current, solved.MonthlyPayment);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void A_target_of_zero_or_less_is_infeasible(decimal target)
    {
        var result = PaymentToPrice.Solve(Finance(), NoTax, target, RollbackLever.DownPayment);
        Assert.Equal(RollbackProblem.TargetNotPositive, Assert.IsType<PaymentToPriceResult.Infeasible>(result).Problem);
    }

    [Fact]
    public void A_cash_quote_has_no_payment_to_solve_for()
    {
        var result = PaymentToPrice.Solve(Cash(), NoTax, 400m, RollbackLever.DownPayment);
        Assert.Equal(RollbackProblem.NoPayment, Assert.IsType<PaymentToPriceResult.Infeasible>(result).Problem);
    }

    [Fact]
    public void A_lease_given_due_at_signing_is_solved_on_the_down_payment_it_makes()
    {
        var quote = Lease() with { DueAtSigning = 1_500m };
        var solved = Assert.IsType<PaymentToPriceResult.Solved>(PaymentToPrice.Solve(quote, Tax725, 230m, RollbackLever.SellingPriceDiscount));
        Assert.Null(solved.Input.DueAtSigning);
        Assert.Equal(QuoteCalculator.Compute(quote, Tax725).DownPayment, solved.DownPayment);
        Assert.True(solved.MonthlyPayment <= 230m);
    }
}
