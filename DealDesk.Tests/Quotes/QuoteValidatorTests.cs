using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;
using static DealDesk.Tests.Quotes.QuoteKit;

namespace DealDesk.Tests.Quotes;

/// <summary>
/// One case per rule: a valid quote with exactly one thing broken fails on that field (camelCase path, as the API
/// shows it) with the expected error code, and the valid quote itself passes.
/// </summary>
public sealed class QuoteValidatorTests
{
    static readonly int NextYear = DateTime.UtcNow.Year + 1;

    static QuoteInput Broken(string rule)
    {
        var finance = FullFinance();
        var lease = Lease();
        TradeInLine Trade(Func<TradeInLine, TradeInLine> change) => change(finance.TradeIns[0]);
        return rule switch
        {
            "no kind" => finance with { Kind = null },
            "unknown kind" => finance with { Kind = "BALLOON" },
            "price 0" => finance with { Price = 0m, Discount = 0m },
            "negative price" => finance with { Price = -1m, Discount = 0m },
            "price in tenths of a cent" => finance with { Price = 30_000.001m },
            "negative discount" => finance with { Discount = -0.01m },
            "discount above price" => finance with { Discount = 30_000.01m },
            "negative down payment" => finance with { DownPayment = -1m },
            "finance without term" => finance with { TermMonths = null },
            "finance without apr" => finance with { Apr = null },
            "lease without term" => lease with { TermMonths = null },
            "lease without residual" => lease with { ResidualPercent = null },
            "lease without money factor" => lease with { MoneyFactor = null },
            "lease without annual miles" => lease with { AnnualMiles = null },
            "term 11" => finance with { TermMonths = 11 },
            "term 97" => finance with { TermMonths = 97 },
            "apr -0.1" => finance with { Apr = -0.1m },
            "apr 30.01" => finance with { Apr = 30.01m },
            "residual 0.99" => lease with { ResidualPercent = 0.99m },
            "residual 100.01" => lease with { ResidualPercent = 100.01m },
            "money factor -0.0001" => lease with { MoneyFactor = -0.0001m },
            "money factor 0.0101" => lease with { MoneyFactor = 0.0101m },
            "annual miles 0" => lease with { AnnualMiles = 0 },
            "annual miles 100001" => lease with { AnnualMiles = 100_001 },
            "negative due at signing" => lease with { DueAtSigning = -1m },
            "due at signing and down payment" => lease with { DueAtSigning = 2_000m, DownPayment = 500m },
            "expiry 0 days" => finance with { ExpiresInDays = 0 },
            "expiry 91 days" => finance with { ExpiresInDays = 91 },
            "no currency" => finance with { Currency = null },
            "currency not allowed" => finance with { Currency = "EUR" },
            "currency in lower case" => finance with { Currency = "usd" },
            "no rebate list" => finance with { Rebates = null! },
            "rebate without name" => finance with { Rebates = [new RebateLine(" ", 500m)] },
            "rebate name 81 characters" => finance with { Rebates = [new RebateLine(new string('r', 81), 500m)] },
            "negative rebate" => finance with { Rebates = [new RebateLine("Loyalty", -500m)] },
            "empty rebate line" => finance with { Rebates = [null!] },
            "vin 16 characters" => finance with { TradeIns = [Trade(t => t with { Vin = "1HGCM82633A00435" })] },
            "vin with an O" => finance with { TradeIns = [Trade(t => t with { Vin = "1HGCM82633AO04352" })] },
            "trade-in without year" => finance with { TradeIns = [Trade(t => t with { Year = null })] },
            "trade-in year 1899" => finance with { TradeIns = [Trade(t => t with { Year = 1899 })] },
            "trade-in year after next" => finance with { TradeIns = [Trade(t => t with { Year = NextYear + 1 })] },
            "trade-in without make" => finance with { TradeIns = [Trade(t => t with { Make = "" })] },
            "trade-in make 81 characters" => finance with { TradeIns = [Trade(t => t with { Make = new string('m', 81) })] },
            "trade-in without model" => finance with { TradeIns = [Trade(t => t with { Model = null })] },
            "negative allowance" => finance with { TradeIns = [Trade(t => t with { Allowance = -1m })] },
            "negative payoff" => finance with { TradeIns = [Trade(t => t with { Payoff = -1m })] },
            "product without name" => finance with { Products = [new ProductLine(null, 995m, true)] },
            "product name 81 characters" => finance with { Products = [new ProductLine(new string('p', 81), 995m, true)] },
            "negative product price" => finance with { Products = [new ProductLine("GAP", -1m, false)] },
            "fee without name" => finance with { Fees = [new FeeLine("", 499m, true)] },
            "fee name 81 characters" => finance with { Fees = [new FeeLine(new string('f', 81), 499m, true)] },
            "negative fee" => finance with { Fees = [new FeeLine("Doc fee", -499m, true)] },
            "fee in tenths of a cent" => finance with { Fees = [new FeeLine("Doc fee", 499.005m, true)] },
            "down payment above amount due" => Finance(10_000m) with { DownPayment = 10_725.01m }, // 10,000 + 7.25 % tax
            "lease down payment above depreciation" => lease with { DownPayment = 6_890.01m },
            "residual above cap cost" => lease with { ResidualPercent = 90m },
            "rebates above amount due" => Finance(1_000m) with { Rebates = [new RebateLine("Factory", 1_500m)] },
            "due at signing below first payment" => lease with { DueAtSigning = 100m },
            "expected tax differs" => finance with { Expected = new QuoteTotals { Tax = 1_413.31m } },
            "expected payment differs" => finance with { Expected = new QuoteTotals { MonthlyPayment = 1m } },
            "expected total cost differs" => finance with { Expected = new QuoteTotals { TotalCost = 0m } },
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
        };
    }

    const string Field = ErrorCodes.QuoteValidationFailed, Pricing = ErrorCodes.PricingValidationFailed,
        Currency = ErrorCodes.CurrencyInvalid, Totals = ErrorCodes.ItemsInconsistent;

    [Theory]
    [InlineData("no kind", "kind", Field)]
    [InlineData("unknown kind", "kind", Field)]
    [InlineData("price 0", "price", Field)]
    [InlineData("negative price", "price", Field)]
    [InlineData("price in tenths of a cent", "price", Field)]
    [InlineData("negative discount", "discount", Field)]
    [InlineData("discount above price", "discount", Field)]
    [InlineData("negative down payment", "downPayment", Field)]
    [InlineData("finance without term", "termMonths", Field)]
    [InlineData("finance without apr", "apr", Field)]
    [InlineData("lease without term", "termMonths", Field)]
    [InlineData("lease without residual", "residualPercent", Field)]
    [InlineData("lease without money factor", "moneyFactor", Field)]
    [InlineData("lease without annual miles", "annualMiles", Field)]
    [InlineData("term 11", "termMonths", Field)]
    [InlineData("term 97", "termMonths", Field)]
    [InlineData("apr -0.1", "apr", Field)]
    [InlineData("apr 30.01", "apr", Field)]
    [InlineData("residual 0.99", "residualPercent", Field)]
    [InlineData("residual 100.01", "residualPercent", Field)]
    [InlineData("money factor -0.0001", "moneyFactor", Field)]
    [InlineData("money factor 0.0101", "moneyFactor", Field)]
    [InlineData("annual miles 0", "annualMiles", Field)]
    [InlineData("annual miles 100001", "annualMiles", Field)]
    [InlineData("negative due at signing", "dueAtSigning", Field)]
    [InlineData("due at signing and down payment", "dueAtSigning", Field)]
    [InlineData("expiry 0 days", "expiresInDays", Field)]
    [InlineData("expiry 91 days", "expiresInDays", Field)]
    [InlineData("no currency", "currency", Field)]
    [InlineData("currency not allowed", "currency", Currency)]
    [InlineData("currency in lower case", "currency", Currency)]
    [InlineData("no rebate list", "rebates", Field)]
    [InlineData("rebate without name", "rebates[0].name", Field)]
    [InlineData("rebate name 81 characters", "rebates[0].name", Field)]
    [InlineData("negative rebate", "rebates[0].amount", Field)]
    [InlineData("empty rebate line", "rebates[0]", Field)]
    [InlineData("vin 16 characters", "tradeIns[0].vin", Field)]
    [InlineData("vin with an O", "tradeIns[0].vin", Field)]
    [InlineData("trade-in without year", "tradeIns[0].year", Field)]
    [InlineData("trade-in year 1899", "tradeIns[0].year", Field)]
    [InlineData("trade-in year after next", "tradeIns[0].year", Field)]
    [InlineData("trade-in without make", "tradeIns[0].make", Field)]
    [InlineData("trade-in make 81 characters", "tradeIns[0].make", Field)]
    [InlineData("trade-in without model", "tradeIns[0].model", Field)]
    [InlineData("negative allowance", "tradeIns[0].allowance", Field)]
    [InlineData("negative payoff", "tradeIns[0].payoff", Field)]
    [InlineData("product without name", "products[0].name", Field)]
    [InlineData("product name 81 characters", "products[0].name", Field)]
    [InlineData("negative product price", "products[0].price", Field)]
    [InlineData("fee without name", "fees[0].name", Field)]
    [InlineData("fee name 81 characters", "fees[0].name", Field)]
    [InlineData("negative fee", "fees[0].amount", Field)]
    [InlineData("fee in tenths of a cent", "fees[0].amount", Field)]
    [InlineData("down payment above amount due", "downPayment", Pricing)]
    [InlineData("lease down payment above depreciation", "downPayment", Pricing)]
    [InlineData("residual above cap cost", "residualPercent", Pricing)]
    [InlineData("rebates above amount due", "rebates", Pricing)]
    [InlineData("due at signing below first payment", "dueAtSigning", Pricing)]
    [InlineData("expected tax differs", "expected.tax", Totals)]
    [InlineData("expected payment differs", "expected.monthlyPayment", Totals)]
    [InlineData("expected total cost differs", "expected.totalCost", Totals)]
    public void Each_rule_fails_on_its_field_with_its_code(string rule, string field, string code)
    {
        var e = Assert.Throws<DealDeskException>(() => Validator().ThrowIfInvalid(Broken(rule)));
        Assert.Equal(code, e.Error.Code);
        Assert.Equal(400, e.Error.Status);
        Assert.False(e.Error.Retryable);
        var fields = QuoteCalculatorTests.Fields(e);
        Assert.Equal([field], fields.Keys);
        Assert.All(fields[field], message => Assert.False(string.IsNullOrWhiteSpace(message)));
    }

    public static TheoryData<string> ValidQuotes() => ["full finance", "plain finance", "lease", "lease with due at signing", "cash", "boundaries"];

    static QuoteInput Valid(string name) => name switch
    {
        "full finance" => FullFinance(),
        "plain finance" => Finance(),
        "lease" => Lease() with { DownPayment = 1_000m, Fees = [new FeeLine("Acquisition fee", 695m, true)] },
        "lease with due at signing" => Lease() with { DueAtSigning = 2_500m },
        "cash" => Cash() with { Fees = [new FeeLine("Doc fee", 499m, true)] },
        "boundaries" => Finance(50_000m, 96, 30m) with
        {
            Discount = 50_000m, ExpiresInDays = 90, Currency = "CAD",
            TradeIns = [new TradeInLine(null, NextYear, "Rivian", new string('x', 80), 0m, 0m)],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(ValidQuotes))]
    public void A_valid_quote_passes(string name)
    {
        var result = Validator().Validate(Valid(name));
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
    }

    [Theory]
    [InlineData(12, 0, 1, 0, 1)]
    [InlineData(96, 30, 100, 0.01, 90)]
    public void Range_limits_are_inclusive(int term, decimal apr, decimal residual, decimal moneyFactor, int expiry)
    {
        var finance = Finance(term: term, apr: apr) with { ExpiresInDays = expiry };
        var lease = Lease() with { TermMonths = term, ResidualPercent = residual, MoneyFactor = moneyFactor, ExpiresInDays = expiry };
        Assert.True(Validator().Validate(finance).IsValid);
        // A 100 % residual is above this lease's cap cost: that is the pricing rule's business, not the range's.
        Assert.DoesNotContain(Validator().Validate(lease).Errors, e => e.ErrorCode != ErrorCodes.PricingValidationFailed);
    }

    [Fact]
    public void A_cash_quote_needs_no_term_rate_or_lease_fields_and_ignores_leftovers_from_another_kind()
    {
        Assert.True(Validator().Validate(Cash()).IsValid);
        Assert.True(Validator().Validate(Cash() with { TermMonths = 60, Apr = 4.9m, MoneyFactor = 0.002m }).IsValid);
        Assert.True(Validator().Validate(Finance() with { ResidualPercent = 55m, AnnualMiles = 10_000 }).IsValid);
    }

    [Fact]
    public void A_vin_is_optional_on_a_trade_in()
    {
        var quote = FullFinance() with { TradeIns = [FullFinance().TradeIns[0] with { Vin = null }] };
        Assert.True(Validator().Validate(quote).IsValid);
    }

    [Fact]
    public void Totals_the_client_sent_that_match_the_servers_pass()
    {
        var figures = QuoteCalculator.Compute(FullFinance(), Tax725);
        var quote = FullFinance() with
        {
            Expected = new QuoteTotals
            {
                TaxableAmount = figures.TaxableAmount, Tax = figures.Tax, AmountFinanced = figures.AmountFinanced,
                MonthlyPayment = figures.MonthlyPayment, TotalOfPayments = figures.TotalOfPayments, TotalCost = figures.TotalCost,
                DueAtSigning = figures.DueAtSigning,
            },
        };
        Assert.True(Validator().Validate(quote).IsValid);
    }

    [Fact]
    public void Inconsistent_totals_report_what_was_sent_and_what_the_lines_give()
    {
        var e = Assert.Throws<DealDeskException>(() => Validator().ThrowIfInvalid(Broken("expected tax differs")));
        var mismatches = (IReadOnlyDictionary<string, TotalMismatch>)e.Error.Details!["mismatches"]!;
        Assert.Equal(new TotalMismatch(1_413.31m, 1_413.32m), mismatches["expected.tax"]);
    }

    [Fact]
    public void The_totals_are_checked_with_the_dealerships_tax_rules()
    {
        var figures = QuoteCalculator.Compute(FullFinance(), Tax725NoTradeCredit);
        var quote = FullFinance() with { Expected = new QuoteTotals { Tax = figures.Tax } };
        Assert.True(Validator(Tax725NoTradeCredit).Validate(quote).IsValid);
        Assert.False(Validator(Tax725).Validate(quote).IsValid);
    }

    [Fact]
    public void A_currency_outside_the_list_names_the_allowed_ones()
    {
        var e = Assert.Throws<DealDeskException>(() => Validator().ThrowIfInvalid(Broken("currency not allowed")));
        Assert.Equal("EUR", e.Error.Details!["currency"]);
        Assert.Equal(Currencies, (string[])e.Error.Details["allowed"]!);
    }

    [Fact]
    public void Several_broken_fields_are_one_quote_validation_error_listing_them_all_even_with_a_currency_among_them()
    {
        var quote = FullFinance() with { Currency = "EUR", TermMonths = 120, Fees = [new FeeLine("", -1m, false)] };
        var e = Assert.Throws<DealDeskException>(() => Validator().ThrowIfInvalid(quote));
        Assert.Equal(ErrorCodes.QuoteValidationFailed, e.Error.Code);
        Assert.Equal(["currency", "fees[0].amount", "fees[0].name", "termMonths"], QuoteCalculatorTests.Fields(e).Keys.Order());
    }

    [Fact]
    public void The_figures_are_not_checked_while_a_field_is_broken()
    {
        // The down payment is above the amount due too, but the broken term is what the salesperson fixes first.
        var quote = Finance(10_000m) with { DownPayment = 20_000m, TermMonths = 11 };
        var result = Validator().Validate(quote);
        Assert.Equal(["TermMonths"], result.Errors.Select(e => e.PropertyName));
    }
}
