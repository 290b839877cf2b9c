using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.QuickQuotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.QuickQuotes;

/// <summary>
/// Converting a quick quote for a customer the dealership already has: the quote offers the customers with its
/// phone, converting can use one of them, and the deal remembers the quote it came from.
/// </summary>
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

    Task<long> CustomersAsync() => DealKit.CountAsync(Db, "SELECT count(*) FROM customers");

    [Fact]
    public async Task Converting_for_an_existing_customer_puts_the_deal_on_that_customer_and_creates_none()
    {
        var demo = await Db.DemoAsync();
        var existing = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Ann", "Lee", "ann@example.com", "+15557170010");
        var quote = await QuoteAsync("Ann Lee", "555-717-0010");
        var customersBefore = await CustomersAsync();

        var result = await AsNorthAsync(s => s.Get<QuickQuoteService>().ConvertAsync(quote.Id, new ConvertQuickQuoteRequest { ExistingCustomerId = existing.ToString() }));

        Assert.Equal(existing, result.Customer.Id);
        Assert.Equal(existing, await Db.ScalarAsync<Guid>("SELECT customer_id FROM deals WHERE id = $1", result.Deal.Id));
        Assert.Equal(customersBefore, await CustomersAsync());
        Assert.Empty(result.MatchingCustomers);
        Assert.Equal(QuickQuoteStatus.Converted, await Db.ScalarAsync<string>("SELECT status FROM quick_quotes WHERE id = $1", quote.Id));
        await DealKit.AssertInvariantsAsync(Db);
    }

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

    [Fact]
    public async Task Converting_for_another_dealerships_unknown_or_malformed_customer_fails_typed_and_writes_nothing()
    {
        var demo = await Db.DemoAsync();
        var foreign = (await DealKit.CustomersAsync(Db, demo.South.DealershipId))[0];
        var mine = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0];
        var quote = await QuoteAsync("Wrong Customer");
        var before = await DbSnapshot.TakeAsync(Db);
        Task Convert(ConvertQuickQuoteRequest r) => AsNorthAsync(s => s.Get<QuickQuoteService>().ConvertAsync(quote.Id, r));

        await DealKit.FailsAsync(() => Convert(new() { ExistingCustomerId = foreign.ToString() }), ErrorCodes.MultiTenantViolation, 403);
        await DealKit.FailsAsync(() => Convert(new() { CustomerId = Guid.NewGuid().ToString() }), ErrorCodes.ResourceNotFound, 404);
        var malformed = await DealKit.FailsAsync(() => Convert(new() { ExistingCustomerId = "ann" }), ErrorCodes.ValidationFailed, 400);
        var twoIds = await DealKit.FailsAsync(() => Convert(new() { ExistingCustomerId = mine.ToString(), CustomerId = foreign.ToString() }), ErrorCodes.ValidationFailed, 400);

        Assert.Equal(["existingCustomerId"], DealKit.Fields(malformed).Keys);
        Assert.Equal(["existingCustomerId"], DealKit.Fields(twoIds).Keys);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task A_quote_lists_the_customers_with_its_phone_and_converting_without_choosing_still_creates_one_and_reports_them()
    {
        var demo = await Db.DemoAsync();
        var legacy = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Cora", "Legacy", phone: "(555) 717-0020");
        var modern = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Cora", "Modern", phone: "+15557170020");
        await DealKit.AddCustomerAsync(Db, demo.South.DealershipId, "Cora", "South", phone: "+15557170020");
        var expected = new[] { legacy, modern }.Order().ToArray();

        var quote = await QuoteAsync("Cora Again", "5557170020");
        var reopened = await AsNorthAsync(s => s.Get<QuickQuoteQueries>().GetAsync(quote.Id));
        var customersBefore = await CustomersAsync();
        var result = await AsNorthAsync(s => s.Get<QuickQuoteService>().ConvertAsync(quote.Id));
        var afterwards = await AsNorthAsync(s => s.Get<QuickQuoteQueries>().GetAsync(quote.Id));

        Assert.Equal(expected, quote.MatchingCustomers.Select(m => m.Customer.Id).Order());
        Assert.Equal(expected, reopened.MatchingCustomers.Select(m => m.Customer.Id).Order());
        Assert.All(reopened.MatchingCustomers, m => Assert.True(m.SamePhone));
        Assert.Equal(customersBefore + 1, await CustomersAsync()); // as API clients have always had it
        Assert.Equal(expected, result.MatchingCustomers.Select(m => m.Customer.Id).Order()); // the new customer is not its own match
        Assert.Empty(afterwards.MatchingCustomers); // converted: nothing left to choose
        Assert.Empty((await QuoteAsync("Nobody Known", "+44 20 7946 0958")).MatchingCustomers);
    }

    [Fact]
    public async Task Through_the_API_convert_takes_the_existing_customer_under_either_name_or_no_body_at_all()
    {
        var demo = await Db.DemoAsync();
        var existing = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Api", "Existing", phone: "+15557170030");
        using var client = await ApiKit.ClientAsync(fixture.App, "sales1@northside.test");
        async Task<Guid> Quote(string name)
        {
            var created = await ApiKit.PostAsync(client, "/api/quick-quotes", new { price = 19_000, customerName = name, customerPhone = "555-717-0030" });
            Assert.True(created.Status == 201, created.ToString());
            Assert.Equal("+15557170030", created.Data.GetProperty("customerPhone").GetString());
            Assert.Equal(existing, created.Data.GetProperty("matchingCustomers")[0].GetProperty("customer").GetProperty("id").GetGuid());
            return created.Data.GetProperty("id").GetGuid();
        }

        var byCustomerId = await ApiKit.PostAsync(client, $"/api/quick-quotes/{await Quote("Api Existing")}/convert", new { customerId = existing });
        var byExistingId = await ApiKit.PostAsync(client, $"/api/quick-quotes/{await Quote("Api Existing")}/convert", new { existingCustomerId = existing });
        var noBody = await ApiKit.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, $"/api/quick-quotes/{await Quote("Api Newcomer")}/convert"));

        foreach (var reply in new[] { byCustomerId, byExistingId, noBody }) Assert.True(reply.Status == 201, reply.ToString());
        Assert.Equal(existing, byCustomerId.Data.GetProperty("customer").GetProperty("id").GetGuid());
        Assert.Equal(existing, byExistingId.Data.GetProperty("customer").GetProperty("id").GetGuid());
        Assert.NotEqual(existing, noBody.Data.GetProperty("customer").GetProperty("id").GetGuid());
        Assert.Equal("+15557170030", noBody.Data.GetProperty("customer").GetProperty("phone").GetString());
        Assert.Equal(existing, noBody.Data.GetProperty("matchingCustomers")[0].GetProperty("customer").GetProperty("id").GetGuid());
        var dealId = byExistingId.Data.GetProperty("deal").GetProperty("id").GetGuid();
        var deal = await ApiKit.GetAsync(client, $"/api/deals/{dealId}");
        Assert.Equal(await Db.ScalarAsync<Guid>("SELECT id FROM quick_quotes WHERE converted_deal_id = $1", dealId),
            deal.Data.GetProperty("deal").GetProperty("convertedFromQuickQuoteId").GetGuid());
    }
}
