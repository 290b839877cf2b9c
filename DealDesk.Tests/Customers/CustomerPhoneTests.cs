using DealDesk.Data.Customers;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.QuickQuotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Customers;

/// <summary>Every place a phone comes in (new deal, change of customer, quick quote) accepts it as typed and stores E.164.</summary>
public sealed class CustomerPhoneTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    async Task<T> AsNorthAsync<T>(Func<AsyncServiceScope, Task<T>> act)
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);
        return await act(scope);
    }

    Task<string> StoredPhoneAsync(Guid customerId) => Db.ScalarAsync<string>("SELECT phone FROM customers WHERE id = $1", customerId);

    [Theory]
    [InlineData("555-888-1212", "+15558881212")]
    [InlineData("5558881212", "+15558881212")]
    [InlineData("(555)888-1212", "+15558881212")]
    [InlineData("+1 555 888 1212", "+15558881212")]
    [InlineData("(555) 123-4567", "+15551234567")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    public async Task A_new_customers_phone_is_accepted_as_typed_and_stored_as_E164(string typed, string stored)
    {
        var result = await AsNorthAsync(s => s.Get<DealService>().CreateAsync(new CreateDealRequest
        {
            CustomerData = new NewCustomerData { FirstName = "Tia", LastName = "Typed", Phone = typed },
        }));

        Assert.Equal(stored, result.Customer.Phone);
        Assert.Equal(stored, await StoredPhoneAsync(result.Customer.Id));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("abc")]
    [InlineData("555-12345678901234")]
    public async Task A_phone_that_is_not_a_number_is_refused_everywhere_with_an_example_and_nothing_is_written(string typed)
    {
        var demo = await Db.DemoAsync();
        var customer = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0];
        var deal = await AsNorthAsync(s => s.Get<DealService>().CreateAsync(DealKit.Request(customer)));
        var before = await DbSnapshot.TakeAsync(Db);

        var create = await DealKit.FailsAsync(() => AsNorthAsync(s => s.Get<DealService>().CreateAsync(new CreateDealRequest
        {
            CustomerData = new NewCustomerData { FirstName = "Gar", LastName = "Bage", Phone = typed },
        })), ErrorCodes.ValidationFailed, 400);
        var change = await DealKit.FailsAsync(() => AsNorthAsync(s => s.Get<DealActions>().ChangeCustomerAsync(deal.Deal.Id, new ChangeCustomerRequest
        {
            CustomerData = new NewCustomerData { FirstName = "Gar", LastName = "Bage", Phone = typed },
        })), ErrorCodes.ValidationFailed, 400);
        var quote = await DealKit.FailsAsync(() => AsNorthAsync(s => s.Get<QuickQuoteService>().CreateAsync(new QuickQuoteRequest
        {
            Price = 20_000m, CustomerName = "Gar Bage", CustomerPhone = typed,
        })), ErrorCodes.ValidationFailed, 400);

        Assert.Equal([Phones.InvalidMessage], DealKit.Fields(create)["customerData.phone"]);
        Assert.Equal([Phones.InvalidMessage], DealKit.Fields(change)["customerData.phone"]);
        Assert.Equal([Phones.InvalidMessage], DealKit.Fields(quote)["customerPhone"]);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task A_changed_to_customers_phone_and_a_quick_quotes_phone_are_stored_as_E164()
    {
        var demo = await Db.DemoAsync();
        var customer = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[1];
        var deal = await AsNorthAsync(s => s.Get<DealService>().CreateAsync(DealKit.Request(customer)));

        var changed = await AsNorthAsync(s => s.Get<DealActions>().ChangeCustomerAsync(deal.Deal.Id, new ChangeCustomerRequest
        {
            CustomerData = new NewCustomerData { FirstName = "Cy", LastName = "Changed", Phone = "555.404.1001" },
        }));
        var quote = await AsNorthAsync(s => s.Get<QuickQuoteService>().CreateAsync(new QuickQuoteRequest
        {
            Price = 18_000m, CustomerName = "Quin Quoted", CustomerPhone = "(555)404-1002",
        }));

        Assert.Equal("+15554041001", await StoredPhoneAsync(changed.Customer.Id));
        Assert.Equal("+15554041002", quote.CustomerPhone);
        Assert.Equal("+15554041002", await Db.ScalarAsync<string>("SELECT customer_phone FROM quick_quotes WHERE id = $1", quote.Id));
    }

    [Fact]
    public async Task The_demo_customers_are_seeded_with_E164_phones()
    {
        var demo = await Db.DemoAsync();

        var seeded = await Db.ScalarAsync<long>("SELECT count(*) FROM customers WHERE dealership_id = $1 AND phone ~ '^\\+1555[0-9]{7}$'", demo.North.DealershipId);
        var other = await Db.ScalarAsync<long>("SELECT count(*) FROM customers WHERE phone !~ '^\\+[1-9][0-9]{6,14}$'");

        Assert.True(seeded >= 20, $"{seeded} E.164 demo phones");
        Assert.Equal(0, other); // this class writes phones through the services only
    }
}
