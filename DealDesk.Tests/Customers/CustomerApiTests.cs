using System.Net;
using System.Net.Http.Json;
using DealDesk.Data.Errors;
using DealDesk.Data.Seeding;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Customers;

/// <summary>/api/customers and /customers: everyone of the dealership reads and edits its customers; only managers merge; nobody crosses dealerships.</summary>
public sealed class CustomerApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static readonly DemoData.DemoDealership North = DemoData.Dealerships[0];
    static readonly DemoData.DemoDealership South = DemoData.Dealerships[1];

    static Task<ApiKit.Reply> PutAsync(HttpClient client, string url, object body) =>
        ApiKit.SendAsync(client, new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) });

    [Fact]
    public async Task A_salesperson_adds_edits_and_reads_a_customer_and_a_duplicate_is_a_typed_409_with_the_match()
    {
        using var sales = await ApiKit.ClientAsync(fixture.App, DemoData.SalesEmail(North, 1));

        var created = await ApiKit.PostAsync(sales, "/api/customers", new { firstName = "Ivy", lastName = "Chen", phone = "555-617-3030", city = "Dallas" });
        Assert.True(created.Status == 201, created.ToString());
        var id = created.Data.GetProperty("id").GetGuid();
        Assert.Equal("+15556173030", created.Data.GetProperty("phone").GetString());

        var duplicate = await ApiKit.PostAsync(sales, "/api/customers", new { firstName = "I", lastName = "C", phone = "(555) 617-3030" });
        ApiKit.AssertError(duplicate, 409, ErrorCodes.CustomerDuplicate);
        Assert.Equal(id, duplicate.Json.GetProperty("details").GetProperty("matches")[0].GetProperty("customer").GetProperty("id").GetGuid());

        var edited = await PutAsync(sales, $"/api/customers/{id}", new { firstName = "Ivy", lastName = "Chen-Park", phone = "555-617-3030", zipCode = "75201" });
        Assert.True(edited.Status == 200, edited.ToString());
        var details = await ApiKit.GetAsync(sales, $"/api/customers/{id}");
        Assert.Equal("Chen-Park", details.Data.GetProperty("customer").GetProperty("lastName").GetString());
        Assert.Equal("(555) 617-3030", details.Data.GetProperty("customer").GetProperty("phoneFormatted").GetString());
        Assert.Equal(2, details.Data.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Another_dealerships_customer_is_403_unknown_ids_404_anonymous_401()
    {
        var demo = await fixture.Db.DemoAsync();
        var southCustomer = (await DealKit.CustomersAsync(fixture.Db, demo.South.DealershipId))[0];
        using var north = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(North));
        using var anonymous = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        var before = await DbSnapshot.TakeAsync(fixture.Db);

        ApiKit.AssertError(await ApiKit.GetAsync(north, $"/api/customers/{southCustomer}"), 403, ErrorCodes.MultiTenantViolation);
        ApiKit.AssertError(await PutAsync(north, $"/api/customers/{southCustomer}", new { firstName = "X", lastName = "Y" }), 403, ErrorCodes.MultiTenantViolation);
        ApiKit.AssertError(await ApiKit.GetAsync(north, $"/api/customers/{Guid.NewGuid()}"), 404, ErrorCodes.ResourceNotFound);
        Assert.Equal(401, (await ApiKit.GetAsync(anonymous, $"/api/customers/{southCustomer}")).Status);
        Assert.Equal(401, (await ApiKit.PostAsync(anonymous, "/api/customers", new { firstName = "X", lastName = "Y" })).Status);
        Assert.Equal(401, (await ApiKit.PostAsync(anonymous, $"/api/customers/{southCustomer}/merge", new { mergeCustomerId = southCustomer })).Status);
        await before.AssertUnchangedAsync(fixture.Db);
    }

    [Fact]
    public async Task Only_managers_merge_through_the_api()
    {
        var demo = await fixture.Db.DemoAsync();
        var a = await DealKit.AddCustomerAsync(fixture.Db, demo.South.DealershipId, "Max", "Twin");
        var b = await DealKit.AddCustomerAsync(fixture.Db, demo.South.DealershipId, "Max", "Twin");
        using var sales = await ApiKit.ClientAsync(fixture.App, DemoData.SalesEmail(South, 1));
        using var manager = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(South));

        Assert.Equal(403, (await ApiKit.PostAsync(sales, $"/api/customers/{a}/merge", new { mergeCustomerId = b })).Status);
        var merged = await ApiKit.PostAsync(manager, $"/api/customers/{a}/merge", new { mergeCustomerId = b });

        Assert.True(merged.Status == 200, merged.ToString());
        Assert.Equal(0, await DealKit.CountAsync(fixture.Db, "SELECT count(*) FROM customers WHERE id = $1", b));
    }

    [Fact]
    public async Task The_customer_pages_render_for_a_salesperson_and_another_dealerships_customer_is_not_shown()
    {
        var demo = await fixture.Db.DemoAsync();
        var mine = (await DealKit.CustomersAsync(fixture.Db, demo.North.DealershipId))[0];
        var theirs = (await DealKit.CustomersAsync(fixture.Db, demo.South.DealershipId))[0];
        using var sales = await fixture.App.SignedInClientAsync(DemoData.SalesEmail(North, 1));

        var list = await sales.GetAsync("/customers");
        var page = await sales.GetAsync($"/customers/{mine}");
        var foreign = await Html.ParseAsync(await sales.GetAsync($"/customers/{theirs}"));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.NotNull((await Html.ParseAsync(page)).QuerySelector("[data-testid=customer-contact]"));
        Assert.Null((await Html.ParseAsync(page)).QuerySelector("[data-testid=merge-customer]"));
        Assert.Null(foreign.QuerySelector("[data-testid=customer-contact]"));
        Assert.Equal(ErrorCodes.MultiTenantViolation, foreign.QuerySelector("[data-testid=error-alert]")?.GetAttribute("data-error-code"));
    }
}
