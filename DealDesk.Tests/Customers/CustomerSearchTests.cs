using DealDesk.Data.Customers;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Customers;

/// <summary>Finding customers: the type-ahead search and the "same phone or email" matches offered before creating one.</summary>
public sealed class CustomerSearchTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    async Task<T> AsNorthAsync<T>(Func<CustomerQueries, Task<T>> query)
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);
        return await query(scope.Get<CustomerQueries>());
    }

    [Fact]
    public async Task A_phone_is_found_however_its_digits_are_typed_whether_stored_as_E164_or_in_the_old_format()
    {
        var demo = await Db.DemoAsync();
        // A seeded customer has this number (Owen Hall); whose it is does not matter, only that there is one.
        var e164 = await Db.ScalarAsync<Guid>("SELECT id FROM customers WHERE dealership_id = $1 AND phone = '+15556152028'", demo.North.DealershipId);
        Assert.NotEqual(Guid.Empty, e164);
        var legacy = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Leo", "Legacy", phone: "(555) 615-2028");
        await DealKit.AddCustomerAsync(Db, demo.South.DealershipId, "Sol", "South", phone: "+15556152028");

        foreach (var typed in new[] { "5556152028", "555-615", "(555) 615", "(555) 615-2028", "+1 555 615 2028", "615-2028" })
        {
            var found = (await AsNorthAsync(q => q.SearchAsync(typed, 50))).Select(c => c.Id).ToList();
            Assert.True(found.Contains(e164) && found.Contains(legacy), $"'{typed}' found {found.Count} customers, not both");
        }
        Assert.Equal(new[] { e164, legacy }.Order(), (await AsNorthAsync(q => q.SearchAsync("555 615 2028", 50))).Select(c => c.Id).Order());
    }

    [Fact]
    public async Task Fewer_than_three_digits_do_not_search_phones_while_names_and_emails_still_match()
    {
        var demo = await Db.DemoAsync();
        var id = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Quinn", "Zephyrine", "quinn.z@example.com", "+15557239911");

        Assert.DoesNotContain(await AsNorthAsync(q => q.SearchAsync("99", 50)), c => c.Id == id);
        Assert.Equal([id], (await AsNorthAsync(q => q.SearchAsync("zephyr", 50))).Select(c => c.Id));
        Assert.Equal([id], (await AsNorthAsync(q => q.SearchAsync("QUINN.Z@", 50))).Select(c => c.Id));
        Assert.Equal([id], (await AsNorthAsync(q => q.SearchAsync("quinn 723-99", 50))).Select(c => c.Id)); // a name and a phone fragment
    }

    [Fact]
    public async Task Matches_are_the_dealerships_customers_with_the_same_phone_however_typed_or_the_same_email_in_any_case()
    {
        var demo = await Db.DemoAsync();
        var e164 = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Ann", "Lee", "ann.lee@example.com", "+15556163030");
        var legacy = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Annie", "Lee", phone: "(555) 616-3030");
        var otherPhone = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Bob", "Park", "Bob.Park@Example.com", "+15556164040");
        await DealKit.AddCustomerAsync(Db, demo.South.DealershipId, "Ann", "South", "ann.lee@example.com", "+15556163030");

        var byPhone = await AsNorthAsync(q => q.FindMatchesAsync(null, "555-616-3030"));
        Assert.Equal(new[] { e164, legacy }.Order(), byPhone.Select(m => m.Customer.Id).Order());
        Assert.All(byPhone, m => Assert.True(m.SamePhone));
        Assert.Equal(byPhone, await AsNorthAsync(q => q.FindMatchesAsync(null, "+1 (555) 616 3030")));

        var byEmail = Assert.Single(await AsNorthAsync(q => q.FindMatchesAsync("  BOB.PARK@example.COM ", null)));
        Assert.Equal((otherPhone, true, false), (byEmail.Customer.Id, byEmail.SameEmail, byEmail.SamePhone));

        var both = await AsNorthAsync(q => q.FindMatchesAsync("bob.park@example.com", "5556163030"));
        Assert.Equal(new[] { e164, legacy, otherPhone }.Order(), both.Select(m => m.Customer.Id).Order());

        Assert.Empty(await AsNorthAsync(q => q.FindMatchesAsync(null, null)));
        Assert.Empty(await AsNorthAsync(q => q.FindMatchesAsync("  ", "not a phone")));
        Assert.Empty(await AsNorthAsync(q => q.FindMatchesAsync("nobody@example.com", "+44 20 7946 0958")));
    }

    /// <summary>The search reads through a SECURITY DEFINER function (row-level security kept the trigram indexes unused): it must scope itself.</summary>
    [Fact]
    public async Task The_search_lookup_sees_only_the_current_dealerships_customers_and_nothing_without_one()
    {
        var demo = await Db.DemoAsync();
        var north = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Ivo", "Quellmark", "ivo.q@example.com", "+15557418802");
        var south = await DealKit.AddCustomerAsync(Db, demo.South.DealershipId, "Iva", "Quellmark", "iva.q@example.com", "+15557418802");

        foreach (var typed in new[] { "quellmark", "QUELL", "@example.com quell", "741-8802", "5557418802" })
            Assert.Equal([north], (await AsNorthAsync(q => q.SearchAsync(typed, 50))).Select(c => c.Id).Where(id => id == north || id == south));

        await using var app = await TestDatabase.OpenAsync(Db.AppConnectionString);
        async Task<List<Guid>> LookupAsync(string? tenant)
        {
            await using var tx = await app.BeginTransactionAsync();
            await using (var set = new Npgsql.NpgsqlCommand("SELECT set_config('app.dealership_id', $1, true)", app, tx) { Parameters = { new() { Value = tenant ?? "" } } })
                await set.ExecuteNonQueryAsync();
            var ids = new List<Guid>();
            await using var cmd = new Npgsql.NpgsqlCommand("SELECT * FROM app_customer_ids_matching('%quellmark%', '7418802')", app, tx);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) ids.Add(r.GetGuid(0));
            return ids;
        }
        Assert.Empty(await LookupAsync(null));
        Assert.Equal([south], await LookupAsync(demo.South.DealershipId.ToString()));
        Assert.Equal([north], await LookupAsync(demo.North.DealershipId.ToString()));
    }
}
