using Bunit;
using DealDesk.Data.Leads;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Leads;
using DealDesk.Tests.Quotes.Support;
using DealDesk.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using CustomerPage = DealDesk.Web.Components.Pages.Customers.CustomerPage;

namespace DealDesk.Tests.Customers;

/// <summary>The customer page's "Leads and conversations" section on the real services: leads found by the customer's phone.</summary>
public sealed class CustomerPageTests(DatabaseFixture fixture) : DatabaseComponentTest(fixture), IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_leads_from_the_customers_phone_link_to_their_conversation_and_a_customer_without_any_shows_the_empty_state()
    {
        Services.AddScoped<DealershipClock>(); // LocalTime's clock, as the app registers it
        var north = await SignInAsDemo(manager: true);
        var phone = LeadKit.NewPhone().E164;
        var withLead = await DealKit.AddCustomerAsync(Db, north.DealershipId, "Nia", "Park", null, phone);
        var without = await DealKit.AddCustomerAsync(Db, north.DealershipId, "Nils", "Park", null, LeadKit.NewPhone().E164);
        LeadCreated lead;
        await using (var scope = Db.CreateScope(north.DealershipId, north.ManagerId, isManager: true))
            lead = await scope.Get<LeadService>().CreateAsync(new CreateLeadRequest
            {
                CustomerPhone = phone, CustomerName = "Nia Park", Type = LeadTypes.TestDrive, Source = LeadSources.Web,
            });
        RenderDialogProvider();

        var page = Render<CustomerPage>(p => p.Add(c => c.Id, withLead));
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=customer-lead]"), Wait);
        var row = Assert.Single(page.FindAll("[data-testid=customer-lead]"));
        Assert.Equal($"/leads?c={lead.ConversationId}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("New", row.TextContent);

        var empty = Render<CustomerPage>(p => p.Add(c => c.Id, without));
        await empty.WaitForAssertionAsync(() => empty.Find("[data-testid=customer-leads-empty]"), Wait);
        Assert.Empty(empty.FindAll("[data-testid=customer-lead]"));
    }
}
