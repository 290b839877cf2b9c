using DealDesk.Data.Customers;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Leads;
using DealDesk.Data.QuickQuotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Customers;

/// <summary>
/// The dealership's country decides how a number typed without "+" is read, how stored numbers are shown and how a
/// phone search is reduced to digits. Southside is made a British dealership here (this class has its own database).
/// </summary>
public sealed class DealershipCountryPhoneTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    async Task<DemoTenant> BritishSouthAsync()
    {
        var demo = await Db.DemoAsync();
        await Db.ExecuteAsync("UPDATE dealerships SET country = 'GB' WHERE id = $1", demo.South.DealershipId);
        return demo.South;
    }

    static Task<string> StoredAsync(TestDatabase db, string table, string column, Guid id) =>
        db.ScalarAsync<string>($"SELECT {column} FROM {table} WHERE id = $1", id);

    [Fact]
    public async Task A_British_dealership_reads_national_numbers_as_British_everywhere_a_phone_comes_in()
    {
        var south = await BritishSouthAsync();
        await using var scope = Db.CreateScope(south.DealershipId, south.Sales1Id);

        var customer = await scope.Get<CustomerService>().CreateAsync(new CustomerRequest { FirstName = "Olive", LastName = "Harcourt", Phone = "020 7946 0958" });
        var deal = await scope.Get<DealService>().CreateAsync(new CreateDealRequest
        {
            CustomerData = new NewCustomerData { FirstName = "Rupert", LastName = "Ashdown", Phone = "07700 900123" },
        });
        var quote = await scope.Get<QuickQuoteService>().CreateAsync(new QuickQuoteRequest { Price = 18_000m, CustomerName = "Nell Pryce", CustomerPhone = "(0161) 496 0000" });
        var lead = await scope.Get<LeadService>().CreateAsync(new CreateLeadRequest
        {
            CustomerName = "Alf Bennet", CustomerPhone = "0117 496 0123", Type = LeadTypes.TestDrive,
        });

        Assert.Equal("+442079460958", await StoredAsync(Db, "customers", "phone", customer.Id));
        Assert.Equal("020 7946 0958", customer.PhoneFormatted);
        Assert.Equal("+447700900123", await StoredAsync(Db, "customers", "phone", deal.Customer.Id));
        Assert.Equal("+441614960000", await StoredAsync(Db, "quick_quotes", "customer_phone", quote.Id));
        Assert.Equal("+441174960123", await StoredAsync(Db, "leads", "customer_phone", lead.LeadId));
    }

    [Fact]
    public async Task A_British_dealership_shows_its_own_numbers_nationally_and_finds_them_as_people_dial_them()
    {
        var south = await BritishSouthAsync();
        await using var scope = Db.CreateScope(south.DealershipId, south.Sales1Id);
        var british = await scope.Get<CustomerService>().CreateAsync(new CustomerRequest { FirstName = "Maud", LastName = "Fenwick", Phone = "+44 20 7946 0111" });
        var american = await scope.Get<CustomerService>().CreateAsync(new CustomerRequest { FirstName = "Hank", LastName = "Visitor", Phone = "+1 555 888 0199" });

        var queries = scope.Get<CustomerQueries>();
        Assert.Equal("020 7946 0111", (await queries.GetDetailsAsync(british.Id)).Customer.PhoneFormatted);
        Assert.Equal("+1 555-888-0199", (await queries.GetDetailsAsync(american.Id)).Customer.PhoneFormatted);
        // The trunk "0" is not part of the stored number: "020 7946 0111" finds +442079460111.
        Assert.Contains(british.Id, (await queries.SearchAsync("020 7946 0111")).Select(c => c.Id));
        Assert.Contains(british.Id, (await queries.ListAsync(new CustomerSearch("07946 0111"))).Items.Select(c => c.Id));
        Assert.Equal(british.Id, Assert.Single(await queries.FindMatchesAsync(null, "020 7946 0111")).Customer.Id);

        var duplicate = await DealKit.FailsAsync(() => scope.Get<CustomerService>().CreateAsync(
            new CustomerRequest { FirstName = "Maude", LastName = "Fenwick", Phone = "020 7946 0111" }), ErrorCodes.CustomerDuplicate, 409);
        Assert.NotNull(duplicate);
    }

    [Fact]
    public async Task A_national_number_of_another_country_is_refused_with_the_dealerships_own_example_and_nothing_is_written()
    {
        var demo = await Db.DemoAsync();
        var south = await BritishSouthAsync();
        var before = await DbSnapshot.TakeAsync(Db);

        await using (var north = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id))
        {
            var refused = await DealKit.FailsAsync(() => north.Get<CustomerService>().CreateAsync(
                new CustomerRequest { FirstName = "Olive", LastName = "Abroad", Phone = "020 7946 0958" }), ErrorCodes.ValidationFailed, 400);
            Assert.Equal([Phones.InvalidMessage], DealKit.Fields(refused)["phone"]);
        }
        await using (var scope = Db.CreateScope(south.DealershipId, south.Sales1Id))
        {
            var refused = await DealKit.FailsAsync(() => scope.Get<DealService>().CreateAsync(new CreateDealRequest
            {
                CustomerData = new NewCustomerData { FirstName = "Gar", LastName = "Bage", Phone = "12" },
            }), ErrorCodes.ValidationFailed, 400);
            var message = Assert.Single(DealKit.Fields(refused)["customerData.phone"]);
            Assert.Equal(Phones.InvalidMessageFor("GB"), message);
            Assert.StartsWith("Enter a phone number, e.g. 0", message); // a British national example, not an American one
        }
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task A_change_of_country_applies_to_the_next_number_in_the_same_long_lived_scope()
    {
        var demo = await Db.DemoAsync();
        var north = demo.North;
        await using var scope = Db.CreateScope(north.DealershipId, north.Sales1Id);
        var customers = scope.Get<CustomerService>();
        var american = await customers.CreateAsync(new CustomerRequest { FirstName = "Ann", LastName = "Before", Phone = "555-240-1100" });
        Assert.Equal("+15552401100", american.Phone);

        await Db.ExecuteAsync("UPDATE dealerships SET country = 'DE' WHERE id = $1", north.DealershipId);
        try
        {
            var german = await customers.CreateAsync(new CustomerRequest { FirstName = "Jonas", LastName = "After", Phone = "030 901820" });
            Assert.Equal("+4930901820", german.Phone);
            Assert.Equal("030 901820", german.PhoneFormatted);
            Assert.Equal("+1 555-240-1100", (await scope.Get<CustomerQueries>().GetDetailsAsync(american.Id)).Customer.PhoneFormatted);
        }
        finally
        {
            await Db.ExecuteAsync("UPDATE dealerships SET country = 'US' WHERE id = $1", north.DealershipId);
        }
    }
}
