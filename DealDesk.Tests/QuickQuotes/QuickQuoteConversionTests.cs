using DealDesk.Data.Deals;
using DealDesk.Data.QuickQuotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.QuickQuotes;

/// <summary>Converting a quick quote: the deal remembers the quote it came from.</summary>
public sealed class QuickQuoteConversionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    TestDatabase Db => fixture.Db;

    async Task<T> AsNorthAsync<T>(Func<Microsoft.Extensions.DependencyInjection.AsyncServiceScope, Task<T>> act)
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales2Id);
        return await act(scope);
    }

    Task<QuickQuoteView> QuoteAsync(string name, string? phone = null) =>
        AsNorthAsync(s => s.Get<QuickQuoteService>().CreateAsync(new QuickQuoteRequest { Price = 21_000m, CustomerName = name, CustomerPhone = phone }));

    [Fact]
    public async Task A_converted_deal_links_to_its_quick_quote_in_its_view_and_its_history()
    {
        var quote = await QuoteAsync("Link Back");

        var result = await AsNorthAsync(s => s.Get<QuickQuoteService>().ConvertAsync(quote.Id));
        var details = await AsNorthAsync(s => s.Get<DealQueries>().GetAsync(result.Deal.Id));
        var direct = await AsNorthAsync(s => s.Get<DealService>().CreateAsync(DealKit.Request(result.Customer.Id)));

        Assert.Equal(quote.Id, result.Deal.ConvertedFromQuickQuoteId);
        Assert.Equal(quote.Id, details.Deal.ConvertedFromQuickQuoteId);
        Assert.Null(direct.Deal.ConvertedFromQuickQuoteId);
        Assert.Equal(quote.Id, await Db.ScalarAsync<Guid>(
            "SELECT (metadata->>'quickQuoteId')::uuid FROM audit_log WHERE entity_id = $1 AND action = 'deal.created'", result.Deal.Id));
        Assert.Equal("Converted a quick quote into the deal for new customer Link Back with no vehicle yet", details.History[0].Summary);
    }

}
