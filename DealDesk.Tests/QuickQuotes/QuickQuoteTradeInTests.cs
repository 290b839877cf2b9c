using DealDesk.Data.Errors;
using DealDesk.Data.Pricing;
using DealDesk.Data.QuickQuotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.QuickQuotes;

/// <summary>A quick quote's trade-in: it lowers the tax and the amount due, caps the down payment, is listed, and becomes the deal's.</summary>
public sealed class QuickQuoteTradeInTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    // Northside Motors' settings (DemoData): 7.25 % sales tax, $499 doc fee.
    const decimal NorthTaxRate = 0.0725m, NorthDocFee = 499m;

    TestDatabase Db => fixture.Db;

    async Task<T> AsNorthAsync<T>(Func<AsyncServiceScopeAccessor, Task<T>> act)
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);
        return await act(new AsyncServiceScopeAccessor(scope));
    }

    [Fact]
    public async Task A_trade_in_lowers_the_taxed_price_and_the_amount_financed_and_is_kept_with_the_quote()
    {
        var request = new QuickQuoteRequest { CustomerName = "Tara Dein", Price = 30_000m, DownPayment = 2_000m, TradeInValue = 8_000m, TermMonths = 60, Apr = 6.9m };

        var quote = await AsNorthAsync(s => s.Get<QuickQuoteService>().CreateAsync(request));

        var expected = PaymentCalculator.Finance(30_000m, 2_000m, 8_000m, 0, NorthTaxRate, NorthDocFee, 60, 6.9m).MonthlyPayment;
        Assert.Equal(expected, quote.MonthlyPayment);
        Assert.True(quote.MonthlyPayment < PaymentCalculator.Finance(30_000m, 2_000m, 0, 0, NorthTaxRate, NorthDocFee, 60, 6.9m).MonthlyPayment);
        Assert.Equal(8_000m, quote.TradeInValue);
        Assert.Equal(8_000m, await Db.ScalarAsync<decimal>("SELECT trade_in_value FROM quick_quotes WHERE id = $1", quote.Id));
        var listed = await AsNorthAsync(s => s.Get<QuickQuoteQueries>().GetAsync(quote.Id));
        Assert.Equal(8_000m, listed.TradeInValue);
    }

    [Fact]
    public async Task A_down_payment_above_what_is_left_after_the_trade_in_is_refused_at_the_down_payment()
    {
        var due = PaymentCalculator.AmountDue(20_000m, 15_000m, 0, NorthTaxRate, NorthDocFee); // 5,861.50
        var request = new QuickQuoteRequest { CustomerName = "Over Paid", Price = 20_000m, TradeInValue = 15_000m, DownPayment = due + 1m };
        var before = await DbSnapshot.TakeAsync(Db);

        var error = await DealKit.FailsAsync(() => AsNorthAsync(s => s.Get<QuickQuoteService>().CreateAsync(request)), ErrorCodes.ValidationFailed, 400);

        Assert.Equal([DownPaymentRule.Message(due)], DealKit.Fields(error)["downPayment"]);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task A_negative_trade_in_is_a_field_error()
    {
        var error = await DealKit.FailsAsync(() => AsNorthAsync(s => s.Get<QuickQuoteService>().CreateAsync(
            new QuickQuoteRequest { CustomerName = "Neg Ative", Price = 20_000m, TradeInValue = -1m })), ErrorCodes.ValidationFailed, 400);

        Assert.Equal(["tradeInValue"], DealKit.Fields(error).Keys);
    }

    [Fact]
    public async Task Converting_carries_the_trade_in_into_the_deals_first_scenario_with_the_quoted_payment()
    {
        var quote = await AsNorthAsync(s => s.Get<QuickQuoteService>().CreateAsync(
            new QuickQuoteRequest { CustomerName = "Carry Over", Price = 26_000m, TradeInValue = 4_500m, DownPayment = 1_000m, TermMonths = 48 }));

        var result = await AsNorthAsync(s => s.Get<QuickQuoteService>().ConvertAsync(quote.Id));

        Assert.Equal(4_500m, result.Scenario.TradeInValue);
        Assert.Equal(quote.MonthlyPayment, result.Scenario.MonthlyPayment);
    }

    /// <summary>A scope's services for a lambda (an AsyncServiceScope is a struct and cannot be captured by reference).</summary>
    public sealed class AsyncServiceScopeAccessor(Microsoft.Extensions.DependencyInjection.AsyncServiceScope scope)
    {
        public T Get<T>() where T : notnull => scope.Get<T>();
    }
}
