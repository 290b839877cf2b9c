using DealDesk.Data.Customers;
using DealDesk.Data.Errors;
using DealDesk.Data.Leads;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Leads;
using DealDesk.Tests.Quotes.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealDesk.Tests.Customers;

/// <summary>Customer records: add and edit with duplicate detection, the customer page's read, and merging (managers, one dealership).</summary>
public sealed class CustomerServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    async Task<AsyncServiceScope> ScopeAsync(bool manager = false, bool north = true)
    {
        var demo = await Db.DemoAsync();
        var t = north ? demo.North : demo.South;
        return Db.CreateScope(t.DealershipId, manager ? t.ManagerId : t.Sales1Id, isManager: manager);
    }

    [Fact]
    public async Task A_phone_typed_another_way_or_an_email_in_other_case_is_a_duplicate_that_offers_the_existing_customer()
    {
        var demo = await Db.DemoAsync();
        var existing = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Lena", "Marsh", "lena.marsh@example.com", "+15556172040");
        await using var scope = await ScopeAsync();
        var customers = scope.Get<CustomerService>();
        var before = await DbSnapshot.TakeAsync(Db);

        var byPhone = await DealKit.FailsAsync(() => customers.CreateAsync(new CustomerRequest { FirstName = "L", LastName = "M", Phone = "(555) 617-2040" }),
            ErrorCodes.CustomerDuplicate, 409);
        var byEmail = await DealKit.FailsAsync(() => customers.CreateAsync(new CustomerRequest { FirstName = "L", LastName = "M", Email = " Lena.Marsh@Example.com " }),
            ErrorCodes.CustomerDuplicate, 409);

        Assert.Contains(existing, ((IReadOnlyList<CustomerMatch>)DealKit.Detail(byPhone, "matches")!).Select(m => m.Customer.Id));
        Assert.Contains(existing, ((IReadOnlyList<CustomerMatch>)DealKit.Detail(byEmail, "matches")!).Select(m => m.Customer.Id));
        await before.AssertUnchangedAsync(Db);
        var confirmed = await customers.CreateAsync(new CustomerRequest { FirstName = "Leo", LastName = "Marsh", Phone = "555 617 2040" }, allowDuplicate: true);
        Assert.Equal("+15556172040", confirmed.Phone);
        Assert.Equal("(555) 617-2040", confirmed.PhoneFormatted);
    }

    [Fact]
    public async Task Invalid_input_has_the_deal_dialogs_messages_and_writes_nothing()
    {
        await using var scope = await ScopeAsync();
        var before = await DbSnapshot.TakeAsync(Db);

        var error = await DealKit.FailsAsync(() => scope.Get<CustomerService>().CreateAsync(new CustomerRequest { FirstName = "", Email = "ann@", Phone = "call me", ZipCode = new string('9', 30) }),
            ErrorCodes.ValidationFailed, 400);

        var fields = DealKit.Fields(error);
        Assert.Equal("First name is required.", fields["firstName"][0]);
        Assert.Equal("Enter an email like name@example.com.", fields["email"][0]);
        Assert.Equal(Phones.InvalidMessage, fields["phone"][0]);
        Assert.Contains("zipCode", fields.Keys);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task An_edit_is_audited_from_to_and_shows_on_the_customer_page()
    {
        var demo = await Db.DemoAsync();
        var id = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Omar", "Said", null, "+15556170001");
        await using var scope = await ScopeAsync();

        await scope.Get<CustomerService>().UpdateAsync(id, new CustomerRequest { FirstName = "Omar", LastName = "Saeed", Phone = "+1 555 617 0001", City = "Tulsa" });

        var details = await scope.Get<CustomerQueries>().GetDetailsAsync(id);
        Assert.Equal("Saeed", details.Customer.LastName);
        var entry = Assert.Single(details.History);
        Assert.Equal("Changed last name from Said to Saeed; city from (none) to Tulsa", entry.Summary);
        Assert.Equal("Noah Bennett", entry.Who);
    }

    [Fact]
    public async Task The_list_pages_and_finds_customers_by_phone_digits()
    {
        var demo = await Db.DemoAsync();
        await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Pia", "Quinn", null, "+15559871234");
        await using var scope = await ScopeAsync();
        var queries = scope.Get<CustomerQueries>();

        var page2 = await queries.ListAsync(new CustomerSearch(null, Page: 2, PageSize: 5));
        var byDigits = await queries.ListAsync(new CustomerSearch("987-12"));

        Assert.Equal(5, page2.Items.Count);
        Assert.True(page2.Total >= 20);
        Assert.Equal("Pia", Assert.Single(byDigits.Items).FirstName);
    }

    [Fact]
    public async Task Merging_moves_every_deal_and_its_quotes_deletes_the_other_and_audits_both()
    {
        var demo = await Db.DemoAsync();
        var keep = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Ruth", "Ames", "ruth@example.com");
        var other = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Ruth", "Ames", null, "+15556170999");
        await using var scope = await ScopeAsync(manager: true);
        var deals = new List<Guid>();
        foreach (var customer in new[] { keep, other, other })
        {
            var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
            deals.Add((await scope.Get<DealDesk.Data.Deals.DealService>().CreateAsync(DealKit.Request(customer, vehicle))).Deal.Id);
        }
        var quotes = await DealKit.CountAsync(Db, "SELECT count(*) FROM pricing_scenarios WHERE deal_id = ANY($1)", deals.ToArray());

        var kept = await scope.Get<CustomerService>().MergeAsync(keep, new MergeCustomersRequest(other));

        Assert.Equal("+15556170999", kept.Phone); // the kept record had no phone: the other's is taken over
        Assert.Equal(3, await DealKit.CountAsync(Db, "SELECT count(*) FROM deals WHERE customer_id = $1", keep));
        Assert.Equal(quotes, await DealKit.CountAsync(Db, "SELECT count(*) FROM pricing_scenarios s JOIN deals d ON d.id = s.deal_id WHERE d.customer_id = $1", keep));
        Assert.Equal(0, await DealKit.CountAsync(Db, "SELECT count(*) FROM customers WHERE id = $1", other));
        Assert.Equal("2", await Db.ScalarAsync<string>("SELECT metadata->>'dealsMoved' FROM audit_log WHERE action = 'customer.merged' AND entity_id = $1", keep));
        Assert.Equal(1, await DealKit.CountAsync(Db, "SELECT count(*) FROM audit_log WHERE action = 'customer.merged_away' AND entity_id = $1", other));
        await DealKit.AssertInvariantsAsync(Db);
    }

    static Task<LeadCreated> AddLeadAsync(AsyncServiceScope manager, string phone, string type = LeadTypes.TestDrive) =>
        manager.Get<LeadService>().CreateAsync(new CreateLeadRequest { CustomerPhone = phone, CustomerName = "Lead Person", Type = type, Source = LeadSources.Web });

    [Fact]
    public async Task The_customer_page_lists_the_dealerships_leads_from_the_customers_phone_not_another_dealerships()
    {
        var demo = await Db.DemoAsync();
        var phone = LeadKit.NewPhone().E164;
        var id = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Uma", "Lind", null, phone);
        var quiet = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Ivo", "Lind", null, LeadKit.NewPhone().E164);
        LeadCreated north;
        await using (var northManager = await ScopeAsync(manager: true)) north = await AddLeadAsync(northManager, phone);
        await using (var southManager = await ScopeAsync(manager: true, north: false)) await AddLeadAsync(southManager, phone, LeadTypes.VehicleInquiry);
        await using var scope = await ScopeAsync(manager: true);

        var details = await scope.Get<CustomerQueries>().GetDetailsAsync(id);

        var lead = Assert.Single(details.Leads);
        Assert.Equal(north.LeadId, lead.Id);
        Assert.Equal(LeadTypes.TestDrive, lead.Type);
        Assert.Equal(LeadStatuses.New, lead.Status);
        Assert.Equal(north.ConversationId, lead.ConversationId);
        Assert.NotNull(lead.LastMessageAt);
        Assert.Empty((await scope.Get<CustomerQueries>().GetDetailsAsync(quiet)).Leads);
    }

    [Fact]
    public async Task After_a_merge_the_kept_customer_shows_the_leads_of_the_phone_it_took_over()
    {
        var demo = await Db.DemoAsync();
        var phone = LeadKit.NewPhone().E164;
        var keep = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Vera", "Holt", "vera@example.com");
        var other = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Vera", "Holt", null, phone);
        await using var scope = await ScopeAsync(manager: true);
        var lead = await AddLeadAsync(scope, phone);
        Assert.Empty((await scope.Get<CustomerQueries>().GetDetailsAsync(keep)).Leads);

        await scope.Get<CustomerService>().MergeAsync(keep, new MergeCustomersRequest(other));

        var details = await scope.Get<CustomerQueries>().GetDetailsAsync(keep);
        Assert.Equal(lead.LeadId, Assert.Single(details.Leads).Id);
        Assert.Equal(1, await DealKit.CountAsync(Db, "SELECT count(*) FROM leads WHERE id = $1 AND customer_phone = $2", lead.LeadId, phone));
    }

    [Fact]
    public async Task A_salesperson_cannot_merge_and_another_dealerships_customer_cannot_be_merged_in()
    {
        var demo = await Db.DemoAsync();
        var north = await DealKit.AddCustomerAsync(Db, demo.North.DealershipId, "Sol", "North");
        var south = await DealKit.AddCustomerAsync(Db, demo.South.DealershipId, "Sol", "South");
        var before = await DbSnapshot.TakeAsync(Db);
        await using var sales = await ScopeAsync();
        await using var manager = await ScopeAsync(manager: true);

        var otherNorth = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0];

        await DealKit.FailsAsync(() => sales.Get<CustomerService>().MergeAsync(north, new MergeCustomersRequest(otherNorth)), ErrorCodes.Forbidden, 403);
        await DealKit.FailsAsync(() => manager.Get<CustomerService>().MergeAsync(north, new MergeCustomersRequest(south)), ErrorCodes.MultiTenantViolation, 403);
        await DealKit.FailsAsync(() => manager.Get<CustomerService>().MergeAsync(north, new MergeCustomersRequest(north)), ErrorCodes.ValidationFailed, 400);

        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task The_database_itself_refuses_a_deal_pointing_at_another_dealerships_customer()
    {
        var demo = await Db.DemoAsync();
        await using var scope = await ScopeAsync();
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var deal = (await scope.Get<DealDesk.Data.Deals.DealService>().CreateAsync(
            DealKit.Request((await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0], vehicle))).Deal.Id;
        var southCustomer = (await DealKit.CustomersAsync(Db, demo.South.DealershipId))[0];

        // As the superuser: no row-level security, no service; only the composite foreign key (dealership_id, customer_id) stands in the way.
        var ex = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync("UPDATE deals SET customer_id = $1 WHERE id = $2", southCustomer, deal));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, ex.SqlState);
        Assert.Equal("FK_deals_customers_dealership_id_customer_id", ex.ConstraintName);
    }
}
